/**
 * Audit entries for refusals of callers the server cannot name: an access token that is not one of ours,
 * a refresh token of no session or with a secret we never issued. Anyone can send those as fast as the
 * rate limits allow, from as many addresses as they have, so writing one entry each would let them grow
 * the append-only audit log without bound. Instead, per window (a minute): the first `perAddress`
 * refusals from each address, and at most `perWindow` in all, are written in full; the rest are counted,
 * and one `auth.refused.summary` entry per window says how many there were, from how many addresses, for
 * which reasons, and the busiest addresses. The log grows by at most perWindow + 1 entries a window.
 */
import type { AuditEntry, AuditLog } from '../store/audit';

export interface RefusalLog {
  /** Records one refusal (in full, or counted for the window's summary). Never throws. */
  record(entry: AuditEntry & { ip: string; details: { reason: string } }): Promise<void>;
  /** Writes the summary of the window in progress, if anything was counted (on shutdown). */
  flush(): Promise<void>;
}

const MAX_ADDRESSES = 10_000; // memory bound: addresses beyond it are counted, not listed

export function createRefusalLog(deps: { audit: AuditLog; clock: () => Date; perAddress?: number; perWindow?: number; windowMs?: number }): RefusalLog {
  const { audit, clock } = deps;
  const perAddress = deps.perAddress ?? 5;
  const perWindow = deps.perWindow ?? 30;
  const windowMs = deps.windowMs ?? 60_000;

  let start = -Infinity;
  let written = 0;
  let byAddress = new Map<string, number>();
  let suppressed = 0;
  let byReason: Record<string, number> = {};
  let timer: NodeJS.Timeout | undefined;

  const write = (e: AuditEntry) => audit.append(e).catch(() => undefined); // a failing audit write must not turn a 401 into a 500

  /** Ends the current window: its summary, if anything was held back. */
  async function close(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (suppressed > 0) {
      const top = [...byAddress].sort((a, b) => b[1] - a[1]).slice(0, 5);
      await write({
        action: 'auth.refused.summary',
        details: {
          from: new Date(start).toISOString(), to: new Date(start + windowMs).toISOString(), count: suppressed,
          addresses: byAddress.size, byReason, busiest: top.map(([ip, n]) => ({ ip, refusals: n })),
        },
      });
    }
    start = -Infinity;
    written = 0;
    suppressed = 0;
    byAddress = new Map();
    byReason = {};
  }

  return {
    async record(entry) {
      const now = clock().getTime();
      if (now - start >= windowMs) {
        await close();
        start = now;
      }
      const fromHere = (byAddress.get(entry.ip) ?? 0) + 1;
      if (byAddress.has(entry.ip) || byAddress.size < MAX_ADDRESSES) byAddress.set(entry.ip, fromHere);
      if (fromHere <= perAddress && written < perWindow) {
        written++;
        await write(entry);
        return;
      }
      suppressed++;
      byReason[entry.details.reason] = (byReason[entry.details.reason] ?? 0) + 1;
      // The summary is written when the window ends (by the clock), even if nothing else arrives.
      const arm = () => {
        timer = setTimeout(() => {
          if (clock().getTime() - start >= windowMs) void close();
          else arm();
        }, Math.max(1000, start + windowMs - clock().getTime())).unref();
      };
      if (!timer) arm();
    },
    flush: close,
  };
}
