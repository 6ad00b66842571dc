/**
 * Training of the triage model: multinomial logistic regression (SGD with L2 weight decay) for the
 * department head and for the category head ("department/category" classes), then pruning, int8
 * quantisation and temperature calibration on a held-out tenth of the training data. Pure and
 * deterministic (seeded shuffles, fixed order), so the same corpus and code give the same model file.
 * Used by scripts/train-triage.ts; a server-side retrain can call it with confirmed grievances added.
 */
import { analyse } from './analyse';
import { toVector, hash32, type SparseVector } from './features';
import { decodeHead, encodeHead, logits, softmax, type HeadJson, type ModelJson } from './model';

export type Example = { id?: string; text: string; department: string; category: string | null };
export type DepartmentRef = { code: string; categories: { code: string }[] };

export type TrainOptions = {
  departments: readonly DepartmentRef[];
  version: string;
  /** The feature code's hash (see FEATURE_INPUTS in corpus.ts). */
  features: string;
  seed?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Positive weights smaller than this are dropped from the model file. */
  pruneBelow?: number;
  /** Negative weights above minus this are dropped (most evidence is positive; this keeps the file small). */
  pruneNegativeBelow?: number;
  log?: (msg: string) => void;
};

/** mulberry32: a small seeded PRNG, so shuffles are the same on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type HeadParams = { epochs: number; learningRate: number; l2: number; seed: number };

/**
 * SGD on softmax cross-entropy; weight decay by a global scale factor so each step stays sparse.
 * `among(i)` restricts the softmax of example i to some classes: the category head is trained as
 * P(category | department), touching only the categories of the example's department, so its weights
 * stay few (and at inference it is read the same way).
 */
function trainHead(X: SparseVector[], y: number[], K: number, p: HeadParams, among?: (i: number) => number[]): { bias: Float64Array; weights: Map<number, Float64Array> } {
  const rowOf = new Map<number, number>();
  for (const x of X) for (const b of x.idx) if (!rowOf.has(b)) rowOf.set(b, rowOf.size);
  const rows = X.map((x) => Int32Array.from(x.idx, (b) => rowOf.get(b)!));
  const V = new Float64Array(rowOf.size * K);
  const bias = new Float64Array(K);
  const z = new Float64Array(K);
  let s = 1, t = 0;
  const rand = prng(p.seed);
  const order = X.map((_, i) => i);
  const steps = p.epochs * X.length;
  const allK = Array.from({ length: K }, (_, k) => k);
  for (let e = 0; e < p.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    for (const i of order) {
      const eta = p.learningRate * (1 - t / steps) + 1e-4; t++;
      const r = rows[i], val = X[i].val;
      const ks = among?.(i) ?? allK;
      z.fill(0);
      for (const k of ks) z[k] = bias[k];
      for (let f = 0; f < r.length; f++) { const base = r[f] * K, v = val[f] * s; for (const k of ks) z[k] += V[base + k] * v; }
      let max = -Infinity; for (const k of ks) max = Math.max(max, z[k]);
      let sum = 0; for (const k of ks) { z[k] = Math.exp(z[k] - max); sum += z[k]; }
      for (const k of ks) z[k] /= sum;
      z[y[i]] -= 1; // gradient of the loss wrt the logits
      s *= 1 - eta * p.l2;
      for (let f = 0; f < r.length; f++) { const base = r[f] * K, g = (eta * val[f]) / s; for (const k of ks) V[base + k] -= z[k] * g; }
      for (const k of ks) bias[k] -= eta * z[k];
      if (s < 1e-4) { for (let q = 0; q < V.length; q++) V[q] *= s; s = 1; }
    }
  }
  const weights = new Map<number, Float64Array>();
  for (const [b, row] of rowOf) weights.set(b, V.slice(row * K, row * K + K).map((w) => w * s));
  return { bias, weights };
}

/** The temperature that minimises the log loss of `head` on held-out vectors (grid search). */
function fitTemperature(head: HeadJson, X: SparseVector[], y: number[], among?: (i: number) => number[]): number {
  const h = decodeHead(head);
  const Z = X.map((x) => logits(h, x.idx, x.val));
  let best = 1, bestLoss = Infinity;
  for (let T = 0.2; T <= 4.001; T += 0.05) {
    let loss = 0;
    Z.forEach((z, i) => { loss -= Math.log(Math.max(softmax(z, T, among?.(i))[y[i]], 1e-12)); });
    if (loss < bestLoss) { bestLoss = loss; best = T; }
  }
  return best;
}

export function trainModel(examples: Example[], opts: TrainOptions): ModelJson {
  const log = opts.log ?? (() => {});
  const hp: HeadParams = { epochs: opts.epochs ?? 24, learningRate: opts.learningRate ?? 0.8, l2: opts.l2 ?? 2e-5, seed: opts.seed ?? 181 };
  const prune = opts.pruneBelow ?? 0.1, pruneNeg = opts.pruneNegativeBelow ?? 0.5;
  const deptCodes = opts.departments.map((d) => d.code);
  const catCodes = opts.departments.flatMap((d) => d.categories.map((c) => `${d.code}/${c.code}`));
  const analysed = examples.map((e) => analyse(e.text));
  // norm floor: the squared norm of a short (25th percentile) training text
  const norms = analysed.map((a) => toVector(a.hits).norm2).sort((a, b) => a - b);
  const normFloor = Math.round(norms[Math.floor(norms.length * 0.25)] * 100) / 100;
  const X = analysed.map((a) => toVector(a.hits, normFloor));
  const yd = examples.map((e) => deptCodes.indexOf(e.department));
  const yc = examples.map((e) => catCodes.indexOf(`${e.department}/${e.category ?? 'other'}`));
  examples.forEach((e, i) => { if (yd[i] < 0) throw new Error(`unknown department ${e.department} in ${e.id ?? e.text.slice(0, 40)}`); });
  // examples without a (known) category train only the department head
  const catIdx = yc.map((c, i) => (c >= 0 ? i : -1)).filter((i) => i >= 0);

  // 1. temperatures, from a model trained on 90% and scored on the held-out 10%
  const held = (i: number) => hash32(examples[i].id ?? examples[i].text) % 10 === 0;
  const fit = X.map((_, i) => i).filter((i) => !held(i)), cal = X.map((_, i) => i).filter(held);
  const pick = <T>(a: T[], ix: number[]) => ix.map((i) => a[i]);
  // the categories of each department, for the conditional category head
  const catsOfDept = deptCodes.map((d) => catCodes.map((c, j) => (c.startsWith(`${d}/`) ? j : -1)).filter((j) => j >= 0));
  const headOf = (ix: number[], y: number[], classes: string[], T: number, conditional: boolean) => {
    const among = conditional ? (i: number) => catsOfDept[yd[ix[i]]] : undefined;
    const r = trainHead(pick(X, ix), pick(y, ix), classes.length, hp, among);
    return encodeHead(classes, r.bias, r.weights, T, prune, pruneNeg);
  };
  const calCat = cal.filter((i) => yc[i] >= 0);
  const Td = fitTemperature(headOf(fit, yd, deptCodes, 1, false), pick(X, cal), pick(yd, cal));
  const Tc = fitTemperature(headOf(fit.filter((i) => yc[i] >= 0), yc, catCodes, 1, true), pick(X, calCat), pick(yc, calCat), (i) => catsOfDept[yd[calCat[i]]]);
  log(`temperatures: department ${Td.toFixed(2)}, category ${Tc.toFixed(2)} (fitted on ${cal.length} held-out texts)`);

  // 2. the final heads on all the training data
  const department = headOf(X.map((_, i) => i), yd, deptCodes, Td, false);
  const category = headOf(catIdx, yc, catCodes, Tc, true);
  return {
    format: 1, version: opts.version, features: opts.features, normFloor, department, category,
    trainedOn: { documents: examples.length, departments: deptCodes.length, categories: catCodes.length },
  };
}
