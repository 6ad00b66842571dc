/// <reference types="node" />
/**
 * Triage CLI: `npm run triage -- file.jsonl` (or `-` for standard input). Reads one
 * { "id", "text" } a line and writes, in order, one
 * { "id", "department", "departmentTop3", "category", "confidence", "districts" } a line, with the same
 * model and code as the app's triage worker. A bad line is reported on stderr with its number and
 * skipped; the exit code is 1 if any line was bad. Blank lines are ignored.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import model from './model.json';
import { createTriage } from './triage';
import type { ModelJson } from './model';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    process.stderr.write('usage: npm run triage -- <file.jsonl>   (one {"id","text"} per line; "-" reads stdin)\n');
    return 2;
  }
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => { input.once('error', reject); input.once('readable', () => resolve()); input.once('end', () => resolve()); });
  try { await opened; } catch (e) { process.stderr.write(`triage: cannot read ${file}: ${(e as Error).message}\n`); return 2; }
  const triage = createTriage(model as ModelJson);
  let n = 0, bad = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    let rec: unknown;
    try { rec = JSON.parse(line); } catch { bad++; process.stderr.write(`triage: line ${n}: not valid JSON\n`); continue; }
    const r = rec as { id?: unknown; text?: unknown };
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) { bad++; process.stderr.write(`triage: line ${n}: expected an object {"id","text"}\n`); continue; }
    if (typeof r.id !== 'string' && typeof r.id !== 'number') { bad++; process.stderr.write(`triage: line ${n}: "id" must be a string\n`); continue; }
    if (typeof r.text !== 'string') { bad++; process.stderr.write(`triage: line ${n} (id ${JSON.stringify(r.id)}): "text" must be a string\n`); continue; }
    const s = triage.classify(r.text);
    process.stdout.write(JSON.stringify({ id: r.id, department: s.department, departmentTop3: s.departmentTop3.map((d) => d.code),
      category: s.category, confidence: s.confidence, districts: s.districts }) + '\n');
  }
  return bad ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`triage: ${(e as Error).stack ?? e}\n`); process.exitCode = 2; });
