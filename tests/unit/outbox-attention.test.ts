import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { correctableSubmission, correctGrievance, discardGrievance, registerGrievance } from '../../src/db/grievances';
import { parseIntake } from '../../src/domain/intake';
import { GrievanceSubmission, type IntakeFields } from '../../src/domain/schemas';
import type { PreparedAttachment } from '../../src/media/attachment-rules';
import { OPERATOR, seedSession } from './fake-server';

const fields = (i: number, description = `हैंडपंप खराब है, पानी नहीं आ रहा, क्रमांक ${i}`): IntakeFields => {
  const r = parseIntake({ name: 'सीता देवी', mobile: `98765${String(i).padStart(5, '0')}`, areaType: 'rural', districtCode: 'jaipur',
    departmentCode: 'phed', description, consent: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
function pdfFile(size: number, name = 'bill.pdf'): PreparedAttachment {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: size, type: 'application/pdf', name, blob: new Blob([bytes]), thumbnail: undefined };
}
const register = (i: number, attachments: PreparedAttachment[] = [], operatorId: string = OPERATOR.id) =>
  registerGrievance(fields(i), { kioskCode: OPERATOR.kioskCode, operatorId, lang: 'hi', attachments });
/** What replay writes when the server refuses a record. */
const refuse = (clientId: string, key: 'invalid' | 'conflict') =>
  db.outbox.update(clientId, { state: 'attention', attempts: 1, number: key === 'conflict' ? '202611280000001' : undefined,
    lastError: key === 'invalid' ? { key, fields: [{ path: 'operatorId', message: 'x', messageHi: 'x' }] } : { key, message: 'x', messageHi: 'x' } });

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedSession();
});

describe('needs attention: correct and resend', () => {
  it('keeps the clientId and receipt of an invalid record, overwrites its submission and saves it again', async () => {
    const file = pdfFile(2000);
    const item = await register(1, [file]);
    await refuse(item.clientId, 'invalid');
    const before = (await correctableSubmission(item.clientId))!;
    expect(before.clientId).toBe(item.clientId);

    const row = await correctGrievance(item.clientId, fields(1, 'सुधरा हुआ विवरण: हैंडपंप दस दिन से खराब है'), { lang: 'en' });
    expect(row).toMatchObject({ clientId: item.clientId, receiptNumber: item.receiptNumber, state: 'saved', attempts: 0, attachmentCount: 1 });
    expect(row.lastError).toBeUndefined();
    const stored = await db.outbox.get(item.clientId);
    expect(stored).toMatchObject({ state: 'saved', receiptNumber: item.receiptNumber });
    expect(stored!.lastError).toBeUndefined();
    const s = (await db.grievances.get(item.clientId))!.submission;
    expect(s.description).toContain('सुधरा हुआ');
    expect(s).toMatchObject({ receiptNumber: item.receiptNumber, createdAt: before.createdAt, operatorId: OPERATOR.id, attachments: before.attachments });
    expect(GrievanceSubmission.safeParse(s).success).toBe(true);
    expect((await db.attachments.get(file.sha256))!.clientIds).toEqual([item.clientId]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('gives a conflict record a new clientId but keeps its receipt number and attachments', async () => {
    const file = pdfFile(2000);
    const item = await register(2, [file]);
    await refuse(item.clientId, 'conflict');
    const row = await correctGrievance(item.clientId, fields(2), { lang: 'hi' });
    expect(row.clientId).not.toBe(item.clientId);
    expect(row.clientId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(row).toMatchObject({ receiptNumber: item.receiptNumber, state: 'saved', createdAt: item.createdAt });
    expect(row.number).toBeUndefined();
    expect(await db.outbox.get(item.clientId)).toBeUndefined();
    expect(await db.grievances.get(item.clientId)).toBeUndefined();
    const s = (await db.grievances.get(row.clientId))!.submission;
    expect(s).toMatchObject({ clientId: row.clientId, receiptNumber: item.receiptNumber });
    expect(s.attachments?.map((a) => a.sha256)).toEqual([file.sha256]);
    expect((await db.attachments.get(file.sha256))!.clientIds).toEqual([row.clientId]);
  });

  it('refuses a record that is not in Needs attention or not the signed-in operator\'s', async () => {
    const saved = await register(3);
    await expect(correctGrievance(saved.clientId, fields(3), { lang: 'hi' })).rejects.toThrow(/not correctable/i);
    const other = await register(4, [], 'op.other');
    await refuse(other.clientId, 'invalid');
    expect(await correctableSubmission(other.clientId)).toBeUndefined();
    await expect(correctGrievance(other.clientId, fields(4), { lang: 'hi' })).rejects.toThrow();
    await expect(discardGrievance(other.clientId)).rejects.toThrow();
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('needs attention: discard', () => {
  it('deletes the outbox row, the payload and the blobs no other grievance refers to, in one go', async () => {
    const shared = pdfFile(2000, 'shared.pdf');
    const own = pdfFile(3000, 'own.pdf');
    const a = await register(5, [shared, own]);
    const b = await register(6, [shared]);
    await refuse(a.clientId, 'invalid');
    await discardGrievance(a.clientId);
    expect(await db.outbox.get(a.clientId)).toBeUndefined();
    expect(await db.grievances.get(a.clientId)).toBeUndefined();
    expect(await db.attachments.get(own.sha256)).toBeUndefined();
    expect((await db.attachments.get(shared.sha256))!.clientIds).toEqual([b.clientId]);
    expect(await db.outbox.get(b.clientId)).toBeTruthy();
  });
});
