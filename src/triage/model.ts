/**
 * The triage model file: two linear softmax heads (department; category as "department/category") over
 * the hashed features of features.ts. Weights are pruned and quantised to 8 bits and stored sparsely as
 * base64, one row per used bucket: varint(bucket delta), class count, then (class, int8 weight) pairs.
 * Written by scripts/train-triage.ts, read by the worker and the CLI.
 */

/** One head as stored in model.json. */
export type HeadJson = {
  classes: string[];
  bias: number[];
  /** Softmax temperature fitted on held-out data, so confidences are roughly calibrated. */
  temperature: number;
  /** Weight = int8 value × quantum. */
  quantum: number;
  data: string;
};

/**
 * model.json. `version` is a hash of the corpus and the code that shapes features and training (the
 * built-in model) or of the retrained weights ("triage-r…", published by `npm run admin -- retrain`).
 * `features` is a hash of the code that turns a text into features (FEATURE_INPUTS in corpus.ts): a
 * model is usable only by code with the same hash.
 */
export type ModelJson = {
  format: 1;
  version: string;
  features: string;
  /** Feature vectors are scaled by 1/sqrt(max(|x|², normFloor)): short texts get smaller logits. */
  normFloor: number;
  department: HeadJson;
  category: HeadJson;
  trainedOn: { documents: number; departments: number; categories: number; grievances?: number };
  /** When a retrained model was made (ISO 8601); absent from the built-in model. */
  createdAt?: string;
};

/** What a model version looks like: the built-in "triage-<12 hex>", a retrained "triage-r<12 hex>". */
export const MODEL_VERSION_PATTERN = /^triage-r?[0-9a-f]{12}$/;

const isHead = (h: unknown): h is HeadJson => {
  const x = h as HeadJson | null;
  return !!x && Array.isArray(x.classes) && x.classes.length > 1 && x.classes.length <= 255 && x.classes.every((c) => typeof c === 'string')
    && Array.isArray(x.bias) && x.bias.length === x.classes.length && x.bias.every((b) => typeof b === 'number' && Number.isFinite(b))
    && typeof x.temperature === 'number' && x.temperature > 0 && typeof x.quantum === 'number' && x.quantum > 0
    && typeof x.data === 'string' && /^[A-Za-z0-9+/]*=*$/.test(x.data);
};

/**
 * A model file as received from the server, if it can be used by this code: the right format, a version,
 * the same feature code (`features`) and heads of the right shape. Anything else is refused, so a device
 * falls back to its built-in model rather than suggesting nonsense.
 */
export function usableModel(json: unknown, features: string): ModelJson | null {
  const m = json as ModelJson | null;
  if (!m || typeof m !== 'object' || m.format !== 1 || typeof m.version !== 'string' || !MODEL_VERSION_PATTERN.test(m.version)) return null;
  if (m.features !== features || typeof m.normFloor !== 'number' || !(m.normFloor > 0) || !isHead(m.department) || !isHead(m.category)) return null;
  return m;
}

/** A decoded head, ready for scoring. */
export type Head = {
  classes: string[];
  bias: Float64Array;
  temperature: number;
  /** bucket → (offset << 8 | count) into cls/w */
  rows: Map<number, number>;
  cls: Uint8Array;
  w: Float32Array;
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without relying on Buffer or atob, so the same code runs in Node and in a worker. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export function fromBase64(s: string): Uint8Array {
  const lut = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) lut[B64.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, acc = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | lut[clean.charCodeAt(i)]; bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out;
}

/**
 * Encode weights (bucket → one weight per class) into a head; weights with |w| < threshold are dropped
 * and the rest quantised to int8.
 */
export function encodeHead(classes: string[], bias: ArrayLike<number>, weights: Map<number, Float64Array>, temperature: number, threshold: number, negThreshold = threshold): HeadJson {
  let max = 0;
  for (const row of weights.values()) for (const v of row) max = Math.max(max, Math.abs(v));
  const quantum = max > 0 ? max / 127 : 1;
  const bytes: number[] = [];
  let last = 0;
  for (const bucket of [...weights.keys()].sort((a, b) => a - b)) {
    const row = weights.get(bucket)!;
    const keep: [number, number][] = [];
    for (let k = 0; k < row.length; k++) {
      const q = Math.round(row[k] / quantum);
      if ((row[k] >= threshold || row[k] <= -negThreshold) && q !== 0) keep.push([k, q]);
    }
    if (!keep.length) continue;
    let d = bucket - last; last = bucket;
    while (d >= 0x80) { bytes.push((d & 0x7f) | 0x80); d >>>= 7; }
    bytes.push(d);
    bytes.push(keep.length);
    for (const [k, q] of keep) bytes.push(k, q & 255);
  }
  return { classes, bias: Array.from(bias, (b) => Math.round(b * 1e4) / 1e4), temperature: Math.round(temperature * 1e4) / 1e4, quantum, data: toBase64(Uint8Array.from(bytes)) };
}

export function decodeHead(h: HeadJson): Head {
  const bytes = fromBase64(h.data);
  const rows = new Map<number, number>();
  const cls: number[] = [], w: number[] = [];
  let i = 0, bucket = 0;
  while (i < bytes.length) {
    let d = 0, shift = 0, b: number;
    do { b = bytes[i++]; d |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    bucket += d;
    const count = bytes[i++];
    rows.set(bucket, (cls.length << 8) | count);
    for (let k = 0; k < count; k++) { cls.push(bytes[i++]); const q = bytes[i++]; w.push((q > 127 ? q - 256 : q) * h.quantum); }
  }
  return { classes: h.classes, bias: Float64Array.from(h.bias), temperature: h.temperature, rows, cls: Uint8Array.from(cls), w: Float32Array.from(w) };
}

/** Logits of every class for a sparse vector (unique buckets). */
export function logits(head: Head, idx: ArrayLike<number>, val: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(head.bias);
  for (let i = 0; i < idx.length; i++) {
    const r = head.rows.get(idx[i]);
    if (r === undefined) continue;
    const off = r >>> 8, n = r & 255, v = val[i];
    for (let k = 0; k < n; k++) out[head.cls[off + k]] += head.w[off + k] * v;
  }
  return out;
}

/** Weight of `bucket` for class `k` (0 when pruned). */
export function weightOf(head: Head, bucket: number, k: number): number {
  const r = head.rows.get(bucket);
  if (r === undefined) return 0;
  const off = r >>> 8, n = r & 255;
  for (let j = 0; j < n; j++) if (head.cls[off + j] === k) return head.w[off + j];
  return 0;
}

/** Softmax of logits / temperature over the classes in `subset` (all when omitted). */
export function softmax(z: ArrayLike<number>, temperature = 1, subset?: number[]): Float64Array {
  const ks = subset ?? Array.from({ length: z.length }, (_, k) => k);
  const out = new Float64Array(z.length);
  let max = -Infinity;
  for (const k of ks) max = Math.max(max, z[k] / temperature);
  let sum = 0;
  for (const k of ks) { out[k] = Math.exp(z[k] / temperature - max); sum += out[k]; }
  for (const k of ks) out[k] /= sum;
  return out;
}
