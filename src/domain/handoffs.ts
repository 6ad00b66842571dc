/**
 * The 181 helpline's desk for the citizen assistant's hand-offs (issue 13): a conversation handed to a
 * human is kept under a reference `C` + 10 hex digits; an agent (role `agent`) or an admin lists the open
 * ones, opens one with what was said (mobiles and codes masked), registers a grievance from it when the
 * citizen needs one (channel `chat`), and closes it with a note. Messages of these routes: ./handoff-messages.ts.
 */
import * as z from 'zod/mini';
import { freeText } from './text';

export const HandoffRef = z.string({ error: 'handoff.ref' }).check(z.regex(/^C[0-9A-F]{10}$/, 'handoff.ref'));
export const HandoffStatus = z.enum(['open', 'closed'], { error: 'handoff.status' });

export const HandoffListQuery = z.object({ status: z.optional(z.enum(['open', 'closed', 'all'], { error: 'handoff.status' })) });

export const HandoffSummary = z.object({
  ref: z.string(),
  status: HandoffStatus,
  lang: z.enum(['hi', 'en']),
  createdAt: z.string(),
  /** Lines of the conversation handed over. */
  messages: z.number(),
  /** The citizen's last words before the hand-off (masked), to tell hand-offs apart. */
  preview: z.string(),
  grievanceNumber: z.nullable(z.string()),
});
export type HandoffSummary = z.infer<typeof HandoffSummary>;

export const HandoffList = z.object({ items: z.array(HandoffSummary) });

export const TranscriptLine = z.object({ at: z.string(), from: z.enum(['citizen', 'assistant']), text: z.string() });

export const HandoffDetail = z.object({
  ...HandoffSummary.shape,
  transcript: z.array(TranscriptLine),
  closedAt: z.nullable(z.string()),
  closedBy: z.nullable(z.string()),
  note: z.nullable(z.string()),
});
export type HandoffDetail = z.infer<typeof HandoffDetail>;

/** POST /api/handoffs/:ref/close: what the agent did, in words (kept and audited). */
export const HandoffClose = z.strictObject({ note: freeText(5, 1000, 'handoff.note') });

export const HandoffRegistered = z.object({ number: z.string(), receiptNumber: z.string() });
