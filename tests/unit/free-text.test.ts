/**
 * Free text the database cannot store (NUL, a lone UTF-16 surrogate) is refused by every free-text schema
 * of the wire contract with `err.unstorable`, so the device's forms show it next to the field before
 * anything is saved; stray control characters are dropped; whatever any schema accepts is storable.
 * (tests/server/unstorable-text.test.ts sends the same strings through HTTP to both databases.)
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { AccountName } from '../../src/domain/accounts';
import { AttachmentName } from '../../src/domain/attachments';
import { SimilarRequest } from '../../src/domain/duplicates';
import { parseIntake } from '../../src/domain/intake';
import { MESSAGES } from '../../src/domain/messages';
import { IntakeFields } from '../../src/domain/schemas';
import { storable } from '../../src/domain/text';
import { WorkflowAction, FeedbackRequest, ReopenRequest } from '../../src/domain/workflow';
import { ReviewMarkRequest, StatusQuery } from '../../src/domain/workflow-api';
import { hostileText, wellFormed } from '../support/hostile-text';

const pad = (s: string) => `${s} गाँव में पानी नहीं आ रहा`; // long enough for the minimum lengths

/** Every free-text field: the schema it is parsed with, and how to place a string in it. */
const FIELDS: { name: string; schema: z.ZodMiniType; body: (s: string) => unknown; path: string }[] = [
  { name: 'citizen name', schema: IntakeFields.shape.name, body: (s) => s, path: '' },
  { name: 'address', schema: IntakeFields.shape.address, body: (s) => s, path: '' },
  { name: 'description', schema: IntakeFields.shape.description, body: pad, path: '' },
  { name: 'attachment name', schema: AttachmentName, body: (s) => `${s}.jpg`, path: '' },
  { name: 'account name', schema: AccountName, body: (s) => s, path: '' },
  { name: 'duplicate check text', schema: SimilarRequest, body: (s) => ({ mobile: '9876543210', text: pad(s) }), path: 'text' },
  { name: 'status query', schema: StatusQuery, body: (s) => ({ q: s }), path: 'q' },
  { name: 'disposal remarks', schema: WorkflowAction, body: (s) => ({ type: 'dispose', outcome: 'relief', remarks: pad(s) }), path: 'remarks' },
  { name: 'request-info question', schema: WorkflowAction, body: (s) => ({ type: 'request-info', question: pad(s) }), path: 'question' },
  { name: 'transfer reason', schema: WorkflowAction, body: (s) => ({ type: 'transfer', toDepartment: 'energy', reason: pad(s) }), path: 'reason' },
  { name: 'escalation reason', schema: WorkflowAction, body: (s) => ({ type: 'escalate', reason: pad(s) }), path: 'reason' },
  { name: 'assignment note', schema: WorkflowAction, body: (s) => ({ type: 'assign', note: s }), path: 'note' },
  { name: 'feedback note', schema: FeedbackRequest, body: (s) => ({ actionId: '01JDQ5ZK6Q4Q3Q4Q3Q4Q3Q4Q3Q', satisfaction: 'satisfied', note: s }), path: 'note' },
  { name: 'reopen reason', schema: ReopenRequest, body: (s) => ({ actionId: '01JDQ5ZK6Q4Q3Q4Q3Q4Q3Q4Q3Q', reason: pad(s) }), path: 'reason' },
  { name: 'review note', schema: ReviewMarkRequest, body: (s) => ({ note: s, instruction: 'check' }), path: 'note' },
  { name: 'review instruction', schema: ReviewMarkRequest, body: (s) => ({ note: 'seen', instruction: s }), path: 'instruction' },
];

/** Every string in a parsed value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('free text the database cannot store', () => {
  for (const f of FIELDS) {
    it(`${f.name}: refuses NUL and lone surrogates with err.unstorable, and accepts only storable text`, () => {
      fc.assert(fc.property(hostileText, (s) => {
        const r = f.schema.safeParse(f.body(s));
        if (!wellFormed(s)) {
          expect(r.success).toBe(false);
          const issue = r.error!.issues.find((i) => i.path.join('.') === f.path);
          expect(issue?.message, JSON.stringify(s)).toBe({ 'status query': 'status.query', 'attachment name': 'err.attachmentName' }[f.name] ?? 'err.unstorable');
        } else if (r.success) {
          for (const out of strings(r.data)) {
            expect(storable(out)).toBe(true);
            if (f.name !== 'status query') expect(out).not.toMatch(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/); // a query is looked up, not kept
          }
        }
      }), { numRuns: 300 });
    });
  }

  it('keeps whole emoji, tabs and line breaks, and drops stray control characters', () => {
    const r = WorkflowAction.safeParse({ type: 'request-info', question: '  Photo 😀 of\tthe\nhandpump\u0007, please\u007F ' });
    expect(r.success && r.data.type === 'request-info' && r.data.question).toBe('Photo 😀 of\tthe\nhandpump, please');
  });

  it('shows the message next to the field in the intake form, in both languages, before anything is saved', () => {
    const r = parseIntake({ name: 'सीता\u0000 देवी', mobile: '9876543210', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed', address: 'वार्ड 7 \uD83D', description: 'गाँव में तीन दिन से पीने का पानी नहीं आ रहा है', consent: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ name: 'err.unstorable', address: 'err.unstorable' });
    expect(MESSAGES['err.unstorable'].hi).toMatch(/[\u0900-\u097F]/);
    expect(MESSAGES['err.unstorable'].en).toMatch(/cannot be stored/);
  });
});
