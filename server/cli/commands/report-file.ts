/**
 * The end of every `report …` command: build the file on the database, write it to `--out`, print the
 * path. A refusal of the reports' own checks (ApiProblem: a bad date, a department not known) becomes a
 * usage error naming the option, in words, as the API would say it.
 */
import { writeFile } from 'node:fs/promises';
import { message } from '../../../src/domain/messages';
import { ApiProblem } from '../../errors';
import type { Db } from '../../store/db';
import { type CliIo, UsageError } from '../command';
import { withDatabase } from '../open-database';

export async function writeReport(io: CliIo, out: string, build: (db: Db) => Promise<string | Uint8Array>): Promise<number> {
  try {
    await writeFile(out, await withDatabase(io.env, build));
  } catch (err) {
    if (err instanceof ApiProblem) throw new UsageError((err.fields ?? []).map((f) => `--${f.path}: ${f.message}`).join('; ') || message(err.key, 'en'), false);
    throw err;
  }
  io.stdout.write(`${out}\n`);
  return 0;
}
