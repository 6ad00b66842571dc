/**
 * Features for the triage classifier and for duplicate detection: word unigrams, word bigrams and
 * character 3- and 4-grams of the normalised words, hashed into a fixed space of 2^18 buckets. Each
 * feature remembers the word it came from, so the classifier can say which words led to a suggestion.
 */
import { STOPWORDS, type Token } from './normalise';

export const DIM_BITS = 18;
export const DIM = 1 << DIM_BITS;

/** Relative weights of the feature families (tuned on the validation split). */
export const WEIGHTS = { word: 1, bigram: 0.6, char: 0.3, place: 1 } as const;

/** One hashed feature occurrence: bucket, value, and the token index (or two, for a bigram). */
export type FeatureHit = { bucket: number; value: number; tok: number; tok2: number };

/** A sparse vector with unique buckets in ascending order. */
export type SparseVector = { idx: Int32Array; val: Float64Array };

/** 32-bit FNV-1a with a murmur3 finaliser, so the low bits spread well. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}
const bucketOf = (s: string) => hash32(s) & (DIM - 1);

/** Whether a token carries content (not a function word, not a bare number, at least two letters). */
export const isContent = (t: Token) => t.key.length >= 2 && !STOPWORDS.has(t.key) && !/^\d+$/.test(t.key);

/**
 * Feature occurrences of a token list. `skip[i]` marks tokens already explained otherwise (place names,
 * replaced by one feature per place kind in `extra`).
 */
export function featureHits(tokens: Token[], skip?: ReadonlySet<number>, extra: { name: string; tok: number }[] = []): FeatureHit[] {
  const hits: FeatureHit[] = [];
  let prev = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (skip?.has(i)) { prev = -1; continue; }
    const t = tokens[i];
    if (!isContent(t)) continue;
    const k = t.key;
    hits.push({ bucket: bucketOf('w' + k), value: WEIGHTS.word, tok: i, tok2: -1 });
    if (prev >= 0) hits.push({ bucket: bucketOf('b' + tokens[prev].key + '_' + k), value: WEIGHTS.bigram, tok: prev, tok2: i });
    const p = '<' + k + '>';
    for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= p.length; j++) hits.push({ bucket: bucketOf('c' + p.slice(j, j + n)), value: WEIGHTS.char, tok: i, tok2: -1 });
    prev = i;
  }
  for (const e of extra) hits.push({ bucket: bucketOf('p' + e.name), value: WEIGHTS.place, tok: e.tok, tok2: -1 });
  return hits;
}

/** Merge hits into a sparse vector (buckets ascending), scaled by 1/sqrt(max(|x|², floor)). */
export function toVector(hits: FeatureHit[], normFloor = 0): SparseVector & { norm2: number; scale: number } {
  const m = new Map<number, number>();
  for (const h of hits) m.set(h.bucket, (m.get(h.bucket) ?? 0) + h.value);
  const idx = Int32Array.from(m.keys()).sort();
  const val = new Float64Array(idx.length);
  let norm2 = 0;
  for (let i = 0; i < idx.length; i++) { const v = m.get(idx[i])!; val[i] = v; norm2 += v * v; }
  const d = Math.max(norm2, normFloor);
  const scale = d > 0 ? 1 / Math.sqrt(d) : 0;
  for (let i = 0; i < val.length; i++) val[i] *= scale;
  return { idx, val, norm2, scale };
}

/** Cosine similarity of two sparse vectors with ascending buckets. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0, j = 0, dot = 0, na = 0, nb = 0;
  for (const v of a.val) na += v * v;
  for (const v of b.val) nb += v * v;
  while (i < a.idx.length && j < b.idx.length) {
    if (a.idx[i] === b.idx[j]) { dot += a.val[i] * b.val[j]; i++; j++; }
    else if (a.idx[i] < b.idx[j]) i++; else j++;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
