/**
 * A deterministic fault harness: an HTTP proxy in front of the real server that, for each sync request,
 * takes the next fault from a seeded schedule. Everything else (the app shell, config) passes through.
 * Faults: 500/502/503, 429 with Retry-After, connection reset before the server sees the request, a hang
 * past the client's timeout, a slow answer, an answer held until the test releases it, and "commit then drop": forwarded to the server (which
 * commits) and the response thrown away, the case that duplicates records in naive queues. And a poison
 * marker: every faultable request whose body contains it gets a 500, as a server that fails on one
 * record would answer any batch holding it.
 * Used by the end-to-end tests and by the benchmarks; loopback only.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'ok' | '500' | '502' | '503' | '429' | 'reset' | 'hang' | 'slow' | 'drop-after-commit' | 'hold';
/** The Retry-After (seconds) the proxy sends with each busy answer: a client must wait at least this long. */
export const RETRY_AFTER_S = { '503': 1, '429': 2 } as const;
export const FAULTS: Fault[] = ['500', '502', '503', '429', 'reset', 'hang', 'slow', 'drop-after-commit'];

/** mulberry32: a tiny seeded PRNG, so a schedule is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A schedule where about `rate` of requests fail. Failures are dealt from a seeded, shuffled bag of
 * `faults` (refilled when empty), so every kind occurs once in each len(faults) failures.
 */
export function faultSchedule(seed: number, rate: number, faults: Fault[] = FAULTS): () => Fault {
  const rnd = seeded(seed);
  let bag: Fault[] = [];
  return () => {
    if (rnd() >= rate) return 'ok';
    if (bag.length === 0) bag = [...faults].sort(() => rnd() - 0.5);
    return bag.pop()!;
  };
}

export interface FaultProxy {
  url: string;
  /** Faults applied so far, in order, to requests matching `faultPath`. */
  applied: Fault[];
  /** Every request through the proxy: how many, and the bytes of their bodies (what a device put on the wire). */
  traffic: { requests: number; bodyBytes: number };
  /** Lets every response held by a 'hold' fault go (the server has already answered them). */
  release(): void;
  /** Replace the schedule (e.g. a fixed list for one test). */
  setSchedule(next: () => Fault): void;
  /** Answer 500 to every faultable request whose body contains `marker` (undefined: none); counted in `poisoned`. */
  setPoison(marker: string | undefined): void;
  /** Requests answered 500 for the poison marker, with how many records each carried (sync batches). */
  poisoned: number[];
  close(): Promise<void>;
}

/** How many grievances a sync request carries (0 when the body is something else). */
function batchSize(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { grievances?: unknown[] };
    return Array.isArray(parsed.grievances) ? parsed.grievances.length : 0;
  } catch {
    return 0;
  }
}

export async function startFaultProxy(target: string, opts: { next?: () => Fault; faultPath?: RegExp; faultMethods?: readonly string[]; hangMs?: number; slowMs?: number } = {}): Promise<FaultProxy> {
  let next = opts.next ?? (() => 'ok' as Fault);
  const faultPath = opts.faultPath ?? /^\/api\/sync\//;
  const faultMethods = opts.faultMethods ?? ['POST']; // e.g. ['PUT'] for attachment chunks
  const applied: Fault[] = [];
  const traffic = { requests: 0, bodyBytes: 0 };
  let held: (() => void)[] = [];
  let poison: Buffer | undefined;
  const poisoned: number[] = [];
  const sockets = new Set<Socket>();
  const upstream = new URL(target);

  const forward = (req: http.IncomingMessage, body: Buffer, onResponse: (res: http.IncomingMessage, data: Buffer) => void, onError: () => void) => {
    const r = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => onResponse(res, Buffer.concat(chunks)));
      res.on('error', onError);
    });
    r.on('error', onError);
    r.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      traffic.requests++;
      traffic.bodyBytes += body.length;
      const faulted = faultMethods.includes(req.method ?? '') && faultPath.test(req.url ?? '');
      if (faulted && poison && body.includes(poison)) {
        poisoned.push(batchSize(body));
        res.writeHead(500, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'api.internal', message: 'Injected 500 (poison)', messageHi: 'कृत्रिम 500 (poison)' }));
      }
      const fault: Fault = faulted ? next() : 'ok';
      if (faulted) applied.push(fault);
      const fail = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ error: `fault-${status}`, message: `Injected ${status}`, messageHi: `कृत्रिम ${status}` }));
      };
      const pass = (delayMs = 0) => forward(req, body, (up, data) => {
        setTimeout(() => { res.writeHead(up.statusCode ?? 502, up.headers); res.end(data); }, delayMs);
      }, () => res.destroy());
      switch (fault) {
        case '500': return fail(500);
        case '502': return fail(502);
        case '503': return fail(503, { 'retry-after': String(RETRY_AFTER_S['503']) });
        case '429': return fail(429, { 'retry-after': String(RETRY_AFTER_S['429']) });
        case 'reset': return req.socket.destroy();
        case 'hang': return void setTimeout(() => req.socket.destroy(), opts.hangMs ?? 25_000);
        case 'slow': return pass(opts.slowMs ?? 1_500);
        case 'hold': return forward(req, body, (up, data) => {
          held.push(() => { res.writeHead(up.statusCode ?? 502, up.headers); res.end(data); });
        }, () => res.destroy());
        case 'drop-after-commit': return forward(req, body, () => req.socket.destroy(), () => req.socket.destroy());
        default: return pass();
      }
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    applied,
    traffic,
    setSchedule(n) { next = n; },
    setPoison(marker) { poison = marker === undefined ? undefined : Buffer.from(marker); },
    poisoned,
    release() { const h = held; held = []; h.forEach((f) => f()); },
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
