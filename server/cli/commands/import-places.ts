/**
 * `import-places --district CODE [--villages FILE] [--wards FILE] [--dry-run]`: loads a district's gram
 * panchayats and villages (LGD village file with its gram panchayat mapping) and wards (LGD ward file) into
 * the server, replacing what it had for that district. Devices fetch them per district when the district
 * is chosen (GET /api/places/:district). See server/admin/lgd-places.ts for the columns read.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { districtByCode } from '../../../src/domain/reference';
import { LgdFileError, type LgdPlaceRow, replaceDistrictPlaces, villagesOf, wardsOf } from '../../admin/lgd-places';
import { createAuditLog } from '../../store/audit';
import { cliActor } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

const USAGE = 'import-places --district CODE [--villages FILE] [--wards FILE] [--dry-run]';

export const importPlacesCommand: CliCommand = {
  name: 'import-places',
  usage: USAGE,
  summary: "loads a district's gram panchayats, villages and wards from the LGD CSV files (lgdirectory.gov.in) for the intake's village and ward pickers",
  async run(args, io) {
    let values: { district?: string; villages?: string; wards?: string; 'dry-run'?: boolean };
    try {
      ({ values } = parseArgs({ args, options: { district: { type: 'string' }, villages: { type: 'string' }, wards: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const district = values.district ?? '';
    if (!districtByCode(district)) throw new UsageError(`--district: no district "${district}" (use the codes of reference/districts.json)`, !district);
    if (!values.villages && !values.wards) throw new UsageError('name a --villages file, a --wards file or both');
    const files = [values.villages, values.wards].filter((f): f is string => !!f);
    let texts: string[];
    try {
      texts = files.map((f) => readFileSync(f, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read ${(err as Error).message}`, false);
    }
    let rows: LgdPlaceRow[];
    try {
      rows = [...(values.villages ? villagesOf(texts[0], district) : []), ...(values.wards ? wardsOf(texts[texts.length - 1], district) : [])];
    } catch (err) {
      if (err instanceof LgdFileError) throw new UsageError(err.message, false);
      throw err;
    }
    const count = (k: string) => rows.filter((r) => r.kind === k).length;
    const summary = `${district}: ${count('gp')} gram panchayats, ${count('village')} villages, ${count('ward')} wards`;
    if (values['dry-run']) {
      io.stdout.write(`dry run, nothing written: ${summary}\n`);
      return 0;
    }
    if (rows.length === 0) {
      io.stderr.write(`nothing of ${district} in the file(s): check the district and the files (no row's tehsil is in ${district})\n`);
      return 1;
    }
    const actor = cliActor();
    const version = await withDatabase(io.env, async (db) => {
      const v = await replaceDistrictPlaces(db, district, rows, { name: files.join(', '), bytes: texts.join('\n') }, actor.actorId, new Date());
      await createAuditLog(db).append({ action: 'admin.places-import', ...actor, target: district, details: { version: v, gp: count('gp'), village: count('village'), ward: count('ward') } });
      return v;
    });
    io.stdout.write(`imported ${summary} (version ${version})\n`);
    return 0;
  },
};
