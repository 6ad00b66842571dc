/** Runs before each test file: points TEST_DATABASE_URL at this worker's own database (see vitest-global-setup.ts). */
import { WORKERS, workerDatabase } from './vitest-global-setup';

const base = process.env.TEST_DATABASE_URL_BASE ?? process.env.TEST_DATABASE_URL;
if (base) {
  process.env.TEST_DATABASE_URL_BASE = base;
  const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 1);
  process.env.TEST_DATABASE_URL = workerDatabase(base, ((worker - 1) % WORKERS) + 1);
}
