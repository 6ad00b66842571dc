/**
 * A deliberately slow HTTP client on a raw socket: it sends the request line, the headers and only the
 * first bytes of the body (or only part of the headers), then holds until told to finish. Used to hold
 * server slots the way a stalled kiosk link or a slowloris attacker does.
 */
import { connect, type Socket } from 'node:net';

export interface SlowRequest {
  socket: Socket;
  /** The status and body of the first response on this connection, or null if it closed without one. */
  response: Promise<{ status: number; body: string } | null>;
  /** Resolves when the connection has closed (by either side). */
  closed: Promise<void>;
  /** Sends the rest of the request. */
  finish(): void;
  destroy(): void;
}

/**
 * Opens a connection to `url` and sends `method path` with `headers` and `body`, stopping after
 * `sendBytes` bytes of the whole request (default: the headers and the first 10 bytes of the body).
 */
export function slowRequest(url: string, method: string, path: string, headers: Record<string, string>, body: string, sendBytes?: number): SlowRequest {
  const { hostname, port } = new URL(url);
  const payload = Buffer.from(body, 'utf8');
  const head = Buffer.from(
    `${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: ${payload.length}\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n', 'latin1');
  const whole = Buffer.concat([head, payload]);
  const cut = Math.min(sendBytes ?? head.length + 10, whole.length);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined); // a server that ends a held request may reset the connection
  let received = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const response = new Promise<{ status: number; body: string } | null>((resolve) => {
    const tryParse = () => {
      const text = received.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? NaN);
      const bodyBytes = received.subarray(Buffer.byteLength(text.slice(0, end + 4)));
      if (Number.isFinite(length) && bodyBytes.length < length) return false;
      resolve({ status, body: bodyBytes.subarray(0, Number.isFinite(length) ? length : undefined).toString('utf8') });
      return true;
    };
    socket.on('data', () => void tryParse());
    socket.once('close', () => { if (!tryParse()) resolve(null); });
  });
  socket.write(whole.subarray(0, cut));
  return {
    socket,
    response,
    closed,
    finish: () => { if (!socket.destroyed) socket.write(whole.subarray(cut)); },
    destroy: () => socket.destroy(),
  };
}
