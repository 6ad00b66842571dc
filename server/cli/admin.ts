/**
 * The operations CLI: `npm run admin -- <command> [options]`, on the same DATA_DIR / DATABASE_URL as the
 * server. Exit codes: 0 done, 1 failed, 2 bad usage or the embedded database is in use by another process.
 */
import { DataDirBusyError } from '../data-dir-lock';
import { type CliIo, UsageError } from './command';
import { COMMANDS } from './commands/index';

const usage = () =>
  ['Usage: npm run admin -- <command> [options]', '', 'Commands:', ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`), ''].join('\n');

async function runAdmin(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${name ? `Unknown command "${name}".` : 'No command given.'}\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(err.showUsage ? `${err.message}\n${usage()}` : `${err.message}\nSee: npm run admin -- --help\n`);
      return 2;
    }
    if (err instanceof DataDirBusyError) {
      io.stderr.write(`Nothing done: ${err.message}.\n`);
      return 2;
    }
    io.stderr.write(`${command.name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = await runAdmin(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
