/** `create-api-key --name NAME [--district CODE]`: a key for an integrating system (Open311); the key is the last line. */
import { DISTRICT_CODES } from '../../../src/domain/reference';
import { createApiKey } from '../../open311/api-keys';
import { createAuditLog } from '../../store/audit';
import { cliActor, flags } from '../accounts';
import { type CliCommand, UsageError } from '../command';
import { withDatabase } from '../open-database';

export const createApiKeyCommand: CliCommand = {
  name: 'create-api-key',
  usage: 'create-api-key --name NAME [--district CODE]',
  summary: 'a new Open311 API key for an integrating system (replacing its earlier key); prints the key, once, as the last line',
  async run(args, io) {
    const v = flags(args, ['name', 'district'], ['name']);
    if (v.name!.length > 100) throw new UsageError('--name: at most 100 characters', false);
    if (v.district && !DISTRICT_CODES.includes(v.district)) throw new UsageError(`--district: unknown district code "${v.district}"`, false);
    const { holder, key } = await withDatabase(io.env, async (db) => {
      const now = new Date();
      const made = await createApiKey(db, { name: v.name!, districtCode: v.district, now });
      await createAuditLog(db).append({ ...cliActor(), action: 'api-key.create', target: made.holder.id, details: { kioskCode: made.holder.kioskCode, district: made.holder.districtCode } });
      return made;
    });
    io.stdout.write(`API key for ${holder.name} (id ${holder.id}, files as kiosk ${holder.kioskCode}${holder.districtCode ? `, district ${holder.districtCode}` : ''}); shown only now:\n${key}\n`);
    return 0;
  },
};
