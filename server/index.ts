/**
 * Starts the server: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data) or DATABASE_URL, TRUST_PROXY, MIN_FREE_MB, the
 * security limits of ./security-options.ts (ACCESS_TOKEN_TTL_S, SYNC_MAX_INFLIGHT, …), the workflow's of
 * ./workflow/env.ts (REOPEN_WINDOW_DAYS, ESCALATION_INTERVAL_S, NOTIFY_INTERVAL_S, NOTIFY_HTTP_URL…), the job queue's on
 * PostgreSQL (JOB_EXPIRE_S, JOB_MAINTENANCE_S, JOB_POLL_S: ./jobs/pg-boss-jobs.ts). Opens and migrates
 * the database, listens, prints one line with the URL, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { whatsappConfigFromEnv } from './chat/whatsapp';
import { serveAdminSocket } from './admin-socket';
import { issueSetupToken } from './admin/first-run';
import { buildApp } from './app';
import { jobOptionsFromEnv, pgBossJobs } from './jobs/pg-boss-jobs';
import { attachmentsDirFromEnv } from './attachments/blob-store';
import { createDiskWatch, minFreeMbFromEnv } from './disk-space';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from './data-dir-lock';
import { securityOptionsFromEnv } from './security-options';
import { dbLocationFromEnv, describeDbLocation, openDb } from './store/open-db';
import type { Db } from './store/db';
import { workflowOptionsFromEnv } from './workflow/env';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST || '0.0.0.0';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const location = dbLocationFromEnv(process.env);
  const security = securityOptionsFromEnv(process.env);
  const trustProxy = trustProxyFromEnv(process.env.TRUST_PROXY);
  const workflow = workflowOptionsFromEnv(process.env, location);

  let lock: DataDirLock | undefined;
  let db: Db | undefined;
  try {
    if (location.kind === 'embedded') lock = acquireDataDirLock(location.dataDir, 'server', port);
    db = await openDb(location);
    const jobs = location.kind === 'postgres' ? pgBossJobs({ url: location.url, ...jobOptionsFromEnv(process.env), onError: (name, err) => console.error(`job ${name} failed:`, err) }) : undefined;
    // Watched where this process writes: the embedded database (not PostgreSQL's own disk) and the attachments.
    const disk = createDiskWatch({
      minFreeMb: minFreeMbFromEnv(process.env),
      dirs: [...(location.kind === 'embedded' ? [{ name: 'database' as const, dir: location.dataDir }] : []), { name: 'attachments', dir: attachmentsDirFromEnv(process.env) }],
    });
    const app = await buildApp({ db, logger: { level: process.env.LOG_LEVEL || 'warn' }, security, trustProxy, workflow, jobs, disk, whatsapp: whatsappConfigFromEnv(process.env) });
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    lock?.setPort(actualPort);
    // The admin CLI works beside this server on the embedded database through this socket (./admin-socket.ts).
    const adminSocket = location.kind === 'embedded' ? await serveAdminSocket(db, location.dataDir) : undefined;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    console.log(`Sampark kiosk server on http://${shown}:${actualPort} (${describeDbLocation(location)})`);
    // First run: no admin yet, so print the one-time link to the page that creates one (server/admin/first-run.ts).
    const setupToken = await issueSetupToken(db, new Date());
    if (setupToken) console.log(`First run: create the admin account at http://${shown}:${actualPort}/setup#${setupToken} (a one-time setup link)`);

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal}: shutting down`);
      await adminSocket?.close();
      await app.close();
      await db!.close(); // PGlite must close cleanly to leave the data directory consistent
      lock?.release();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    await db?.close().catch(() => {});
    lock?.release();
    throw err;
  }
}

/** TRUST_PROXY: unset (no proxy), `true` (trust X-Forwarded-For from anyone), or the proxies' addresses/CIDRs, comma-separated. */
function trustProxyFromEnv(value: string | undefined): boolean | string {
  if (!value) return false;
  return value === 'true' ? true : value;
}

main().catch((err: unknown) => {
  console.error(err instanceof DataDirBusyError ? `Cannot start: ${err.message}` : err);
  process.exit(err instanceof DataDirBusyError ? 2 : 1);
});
