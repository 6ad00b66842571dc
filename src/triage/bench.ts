/**
 * Latency of `classify` per grievance, measured where it runs (in the worker, or in Node), so a
 * Playwright bench can ask the worker itself and not time the message round trip.
 */
import type { Triage } from './triage';

export type LatencyStats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Classify every text `rounds` times and report per-call milliseconds. */
export function benchClassify(triage: Pick<Triage, 'classify'>, texts: string[], rounds = 1): LatencyStats {
  const times: number[] = [];
  for (let r = 0; r < Math.max(1, rounds); r++) {
    for (const t of texts) {
      const t0 = performance.now();
      triage.classify(t);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { n: times.length, p50: r3(q(0.5)), p95: r3(q(0.95)), p99: r3(q(0.99)), max: r3(times[times.length - 1] ?? 0),
    mean: r3(times.reduce((a, b) => a + b, 0) / (times.length || 1)) };
}
