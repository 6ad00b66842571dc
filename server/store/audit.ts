/**
 * The audit log: who did what, to what, from which device and address, and when. Append-only (migration
 * 3 makes UPDATE, DELETE and TRUNCATE raise). Entries never carry a password, a token or a full mobile
 * number; `details` holds small facts such as a reason or counts.
 */
import type { Db, Queryable } from './db';

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  actorRole?: string | null;
  target?: string | null;
  deviceId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: string;
  at: string;
  details: Record<string, unknown>;
}

export interface AuditLog {
  /** Appends entries in one statement, on `q` (a transaction, to commit with what they record) or the database. */
  append(entries: AuditEntry | readonly AuditEntry[], q?: Queryable): Promise<void>;
}

const INSERT = `
  INSERT INTO audit_log (at, actor_id, actor_role, action, target, device_id, ip, details)
  SELECT at, actor_id, actor_role, action, target, device_id, ip, coalesce(details, '{}'::jsonb)
    FROM jsonb_to_recordset($1::jsonb)
      AS r(at timestamptz, actor_id text, actor_role text, action text, target text, device_id text, ip text, details jsonb)`;

export function createAuditLog(db: Db, clock: () => Date = () => new Date()): AuditLog {
  return {
    async append(entries, q = db) {
      const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
      if (list.length === 0) return;
      const at = clock().toISOString();
      const rows = list.map((e) => ({
        at, actor_id: e.actorId ?? null, actor_role: e.actorRole ?? null, action: e.action, target: e.target ?? null,
        device_id: e.deviceId ?? null, ip: e.ip ?? null, details: e.details ?? {},
      }));
      await q.query(INSERT, [JSON.stringify(rows)]);
    },
  };
}

/** The latest `limit` entries, oldest first. */
export async function recentAudit(q: Queryable, limit: number): Promise<AuditRecord[]> {
  const rows = await q.query<{ id: string | number; at: Date; actor_id: string | null; actor_role: string | null; action: string; target: string | null; device_id: string | null; ip: string | null; details: Record<string, unknown> }>(
    `SELECT * FROM (SELECT id, at, actor_id, actor_role, action, target, device_id, ip, details FROM audit_log ORDER BY id DESC LIMIT $1::int) r ORDER BY id`,
    [limit]);
  return rows.map((r) => ({
    id: String(r.id), at: r.at.toISOString(), actorId: r.actor_id, actorRole: r.actor_role, action: r.action,
    target: r.target, deviceId: r.device_id, ip: r.ip, details: r.details,
  }));
}

/** Filters of the audit screen: action and actor by prefix, target exactly, India-time dates; newest first, paged by id. */
export interface AuditFilter { action?: string; actor?: string; target?: string; from?: string; to?: string; before?: string; limit: number }

export async function searchAudit(q: Queryable, f: AuditFilter): Promise<{ items: AuditRecord[]; next: string | null }> {
  const like = (s?: string) => (s ? `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);
  const rows = await q.query<{ id: string | number; at: Date; actor_id: string | null; actor_role: string | null; action: string; target: string | null; device_id: string | null; ip: string | null; details: Record<string, unknown> }>(
    `SELECT id, at, actor_id, actor_role, action, target, device_id, ip, details FROM audit_log
      WHERE ($1::text IS NULL OR action LIKE $1) AND ($2::text IS NULL OR lower(actor_id) LIKE lower($2)) AND ($3::text IS NULL OR target = $3)
        AND ($4::timestamptz IS NULL OR at >= $4::timestamptz) AND ($5::timestamptz IS NULL OR at < $5::timestamptz)
        AND ($6::bigint IS NULL OR id < $6::bigint)
      ORDER BY id DESC LIMIT $7::int`,
    [like(f.action), like(f.actor), f.target || null, f.from ? `${f.from}T00:00:00+05:30` : null,
      f.to ? new Date(Date.parse(`${f.to}T00:00:00+05:30`) + 86_400_000).toISOString() : null, f.before ?? null, f.limit + 1]);
  const items = rows.slice(0, f.limit).map((r) => ({
    id: String(r.id), at: r.at.toISOString(), actorId: r.actor_id, actorRole: r.actor_role, action: r.action,
    target: r.target, deviceId: r.device_id, ip: r.ip, details: r.details,
  }));
  return { items, next: rows.length > f.limit ? items[items.length - 1].id : null };
}
