/** `export [--format jsonl|csv]`: every grievance to stdout, personal data masked (see GrievanceExport). */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportAll, type GrievanceExport } from '../../store/grievances';
import { type CliCommand, UsageError } from '../command';
import { csvLine } from '../csv';
import { withDatabase } from '../open-database';

/** Column order of the CSV (and key order of each JSON line, which follows GrievanceExport). */
const COLUMNS: readonly (keyof GrievanceExport)[] = [
  'number', 'clientId', 'receiptNumber', 'kioskCode', 'departmentCode', 'categoryCode', 'districtCode',
  'tehsilCode', 'blockCode', 'areaType', 'mobile', 'aadhaar', 'createdAt', 'receivedAt', 'status', 'outcome',
  'satisfaction', 'satisfactionVerified', 'reopenCount', 'attachments', 'channel', 'eventId',
];

/** Writes and waits for 'drain' when the pipe is full, so a large export never buffers in memory. */
async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--format jsonl|csv]',
  summary: 'write every grievance to standard output (jsonl: one JSON object a line; csv: with a header row)',
  async run(args, io) {
    let format: string;
    try {
      ({ values: { format } } = parseArgs({ args, options: { format: { type: 'string', default: 'jsonl' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, not "${format}"`);

    await withDatabase(io.env, async (db) => {
      if (format === 'csv') await write(io.stdout, csvLine(COLUMNS));
      for await (const g of exportAll(db)) {
        await write(io.stdout, format === 'csv' ? csvLine(COLUMNS.map((c) => g[c])) : `${JSON.stringify(g)}\n`);
      }
    });
    return 0;
  },
};
