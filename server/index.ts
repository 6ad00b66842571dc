/**
 * Starts the server: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data) or DATABASE_URL. Opens and migrates
 * the database, listens, prints one line with the URL, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from './data-dir-lock';
import { dbLocationFromEnv, describeDbLocation, openDb } from './store/open-db';
import type { Db } from './store/db';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST || '0.0.0.0';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const location = dbLocationFromEnv(process.env);

  let lock: DataDirLock | undefined;
  let db: Db | undefined;
  try {
    if (location.kind === 'embedded') lock = acquireDataDirLock(location.dataDir, 'server', port);
    db = await openDb(location);
    const app = await buildApp({ db, logger: { level: process.env.LOG_LEVEL || 'warn' } });
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    lock?.setPort(actualPort);
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    console.log(`Sampark kiosk server on http://${shown}:${actualPort} (${describeDbLocation(location)})`);

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal}: shutting down`);
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

main().catch((err: unknown) => {
  console.error(err instanceof DataDirBusyError ? `Cannot start: ${err.message}` : err);
  process.exit(err instanceof DataDirBusyError ? 2 : 1);
});
