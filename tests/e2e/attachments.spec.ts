/**
 * Attachments end to end, in Chromium, against the real server behind the fault proxy: a large photo made
 * in the page and a PDF attached offline, compressed in the media worker, stored with the grievance and
 * delivered byte-identical and once; a voice note from Chromium's fake microphone that plays back and
 * arrives; and the files the form must refuse, each with a clear message and nothing stored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { axeViolations, citizens, deviceOutbox, expect, outboxStatuses, registerGrievance, signIn, test, waitForServiceWorker } from './fixtures';
import { IMPOSTORS, pdf, png } from '../server/attachment-files';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MiB = 1024 * 1024;
const FILES_LIST = 'Files going with this grievance';

/** Every row of the device's attachments table, with the SHA-256 of each stored blob computed in the page. */
function deviceAttachments(page: Page) {
  return page.evaluate(() => new Promise<{ sha256: string; bytes: number; type: string; name?: string; clientIds: string[]; blobSha?: string; blobSize?: number; width?: number; height?: number; thumbnail?: string }[]>((resolve, reject) => {
    const open = indexedDB.open('sampark-kiosk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('attachments').objectStore('attachments').getAll();
      req.onerror = () => reject(req.error);
      req.onsuccess = async () => {
        open.result.close();
        const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
        resolve(await Promise.all((req.result as { sha256: string; bytes: number; type: string; name?: string; clientIds: string[]; blob?: Blob; thumbnail?: string }[]).map(async (r) => {
          const bitmap = r.blob && r.type.startsWith('image/') ? await createImageBitmap(r.blob) : undefined;
          return {
            sha256: r.sha256, bytes: r.bytes, type: r.type, name: r.name, clientIds: r.clientIds, thumbnail: r.thumbnail,
            blobSha: r.blob ? hex(await crypto.subtle.digest('SHA-256', await r.blob.arrayBuffer())) : undefined, blobSize: r.blob?.size,
            width: bitmap?.width, height: bitmap?.height,
          };
        })));
      };
    };
  }));
}

/** A 12-megapixel photo-like JPEG (gradients, shapes and sensor-like noise) made in the page's canvas. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const w = 4000, h = 3000;
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#8aa'); g.addColorStop(0.5, '#c96'); g.addColorStop(1, '#345');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    for (let i = 0; i < 400; i++) { ctx.fillStyle = `hsl(${(i * 37) % 360} 50% ${30 + (i % 40)}%)`; ctx.fillRect((i * 997) % w, (i * 613) % h, 150, 90); }
    const img = ctx.getImageData(0, 0, w, h);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) { seed = (seed * 1103515245 + 12345) >>> 0; const n = (seed >>> 24) % 24 - 12; img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n; }
    ctx.putImageData(img, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

test.describe('attachments', () => {
  test('a large photo and a PDF attached offline arrive byte-identical and exactly once', async ({ page, context, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    const photo = await cameraPhoto(page);
    expect(photo.length).toBeGreaterThan(1 * MiB); // a real camera-sized file: over the server's 1 MB photo limit as it is
    const doc = pdf(40_000);

    await context.setOffline(true);
    const receipt = await registerGrievance(page, citizens[0], {
      beforeSubmit: async () => {
        const field = page.getByLabel('Attachments', { exact: true });
        await expect(page.getByText('0 of 5 files, 0 of 10 MB')).toBeVisible();
        await field.setInputFiles([
          { name: 'IMG_20261128_101500.jpg', mimeType: 'image/jpeg', buffer: photo },
          { name: 'bijli-bill.pdf', mimeType: 'application/pdf', buffer: doc },
        ]);
        const list = page.getByRole('list', { name: FILES_LIST });
        await expect(list.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
        await expect(list).toContainText('IMG_20261128_101500.jpg');
        await expect(list.getByRole('button', { name: 'Remove bijli-bill.pdf' })).toBeVisible();
        await expect(page.getByText(/^2 of 5 files, 0\.\d of 10 MB$/)).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      },
    });

    // On the receipt: how many files went, with their thumbnails.
    const region = page.getByRole('region', { name: 'Receipt' });
    await expect(region.getByText('2 file(s) attached')).toBeVisible();
    await expect(region.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(2);
    expect(await axeViolations(page)).toEqual([]);

    // Stored on the device with the grievance: the photo re-encoded small, the PDF as it was.
    const stored = await deviceAttachments(page);
    expect(stored).toHaveLength(2);
    const [storedPhoto, storedDoc] = [stored.find((a) => a.type === 'image/jpeg')!, stored.find((a) => a.type === 'application/pdf')!];
    expect(storedPhoto.bytes).toBeLessThanOrEqual(300 * 1024);
    expect(Math.max(storedPhoto.width!, storedPhoto.height!)).toBe(1600);
    expect(storedPhoto.width! / storedPhoto.height!).toBeCloseTo(4 / 3, 2);
    expect(storedPhoto.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(storedDoc.sha256).toBe(sha256(doc));
    for (const a of stored) expect({ sha: a.blobSha, size: a.blobSize }).toEqual({ sha: a.sha256, size: a.bytes });

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Saved on device')).toHaveCount(1);
    await context.setOffline(false);
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(2);
    expect(await axeViolations(page)).toEqual([]);

    // Exactly once on the server, and the bytes on its disk are the device's.
    expect(await server.query('SELECT count(*)::int AS n FROM attachments')).toEqual([{ n: 2 }]);
    expect(await server.query('SELECT count(*)::int AS n FROM grievance_attachments')).toEqual([{ n: 2 }]);
    for (const a of stored) {
      const onDisk = readFileSync(join(server.dataDir, 'attachments', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256));
      expect(sha256(onDisk)).toBe(a.sha256);
    }
    const [row] = await deviceOutbox(page);
    await server.stop();
    const exported = server.exportAll();
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ receiptNumber: receipt, number: row.number });
    expect(exported[0].attachments).toEqual([
      { sha256: storedPhoto.sha256, bytes: storedPhoto.bytes, type: 'image/jpeg' },
      { sha256: storedDoc.sha256, bytes: doc.length, type: 'application/pdf' },
    ]);
  });

  test('a voice note recorded with the fake microphone plays back before saving and arrives', async ({ page, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    await registerGrievance(page, citizens[1], {
      beforeSubmit: async () => {
        await page.getByRole('button', { name: 'Record voice note' }).click();
        await expect(page.getByRole('timer')).toContainText('Recording: 0:0');
        await expect(page.getByRole('button', { name: 'Stop recording' })).toBeFocused();
        await expect(page.getByRole('timer')).toContainText(/0:0[2-9]/); // two seconds recorded (the timer's own count, not a sleep)
        await page.keyboard.press('Enter'); // Stop, from the keyboard
        const playback = page.getByLabel('Recorded voice note', { exact: true });
        await expect(playback).toBeVisible();
        const played = await playback.evaluate(async (a: HTMLAudioElement) => {
          await a.play();
          // Until the playback has moved on (its own timeupdate event), not for a fixed time.
          await new Promise<void>((resolve) => {
            const moved = () => { if (a.currentTime > 0) { a.removeEventListener('timeupdate', moved); resolve(); } };
            a.addEventListener('timeupdate', moved);
            moved();
          });
          a.pause();
          return { currentTime: a.currentTime, duration: a.duration };
        });
        expect(played.currentTime).toBeGreaterThan(0);
        expect(played.duration).toBeGreaterThan(0);
        await page.getByRole('button', { name: 'Save voice note' }).click();
        const item = page.getByRole('list', { name: FILES_LIST }).getByRole('listitem');
        await expect(item).toHaveCount(1, { timeout: 20_000 });
        await expect(item).toContainText('Voice note');
        expect(await axeViolations(page)).toEqual([]);
      },
    });
    const [note] = await deviceAttachments(page);
    expect(note).toMatchObject({ type: 'audio/webm' });
    expect(note.name).toMatch(/^voice-note-\d{6}\.webm$/);
    expect(note.blobSha).toBe(note.sha256);

    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect(outboxStatuses(page, 'Synced')).toHaveCount(1, { timeout: 30_000 });
    await server.stop();
    const [g] = server.exportAll();
    expect(g.attachments).toEqual([{ sha256: note.sha256, bytes: note.bytes, type: 'audio/webm' }]);
  });

  test('refuses at the form a 20 MB file, a file lying about its type, an empty file and an image bomb; nothing is stored', async ({ page, server }) => {
    await page.goto(`${server.url}/?lang=en`);
    await waitForServiceWorker(page);
    await signIn(page);
    const field = page.getByLabel('Attachments', { exact: true });
    const big = Buffer.alloc(20 * MiB);
    big.write('%PDF-1.7\n');

    const cases: { file: { name: string; mimeType: string; buffer: Buffer }; says: RegExp }[] = [
      { file: { name: 'land-record-scan.pdf', mimeType: 'application/pdf', buffer: big }, says: /land-record-scan\.pdf: The file is too large \(20 MB\); this kind of file may be at most 5 MB/ },
      { file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: IMPOSTORS.html }, says: /photo\.jpg: This kind of file is not accepted, or the file is not what it claims to be/ },
      { file: { name: 'ration-card.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, says: /ration-card\.pdf: The file is empty \(0 bytes\)/ },
      { file: { name: 'tiny.png', mimeType: 'image/png', buffer: png(16, 16, { declared: { width: 50_000, height: 50_000 } }) }, says: /tiny\.png: The image is unreasonably large in pixels/ },
    ];
    for (const c of cases) {
      await field.setInputFiles(c.file);
      // Next to the field, and tied to it: the error is part of the field's accessible description.
      await expect(field).toHaveAccessibleDescription(c.says, { timeout: 20_000 });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
    }
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.getByRole('list', { name: FILES_LIST })).toHaveCount(0);
    expect(await deviceAttachments(page)).toEqual([]);
    await expect(page.getByText('0 of 5 files, 0 of 10 MB')).toBeVisible();
  });
});
