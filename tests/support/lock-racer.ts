/**
 * One contender in the data-dir lock race (tests/server/data-dir-lock.test.ts): for each line `<dir>` on
 * standard input it tries to take the lock on that directory at once and answers `ok`, `busy` or
 * `error <message>`, keeping every lock it took until it exits. Run with `node --import tsx`.
 */
import { acquireDataDirLock, DataDirBusyError } from '../../server/data-dir-lock';

process.setMaxListeners(0); // one exit listener per lock held
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const dir = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    try {
      acquireDataDirLock(dir, 'admin');
      process.stdout.write('ok\n');
    } catch (err) {
      process.stdout.write(err instanceof DataDirBusyError ? 'busy\n' : `error ${(err as Error).message}\n`);
    }
  }
});
process.stdout.write('ready\n');
