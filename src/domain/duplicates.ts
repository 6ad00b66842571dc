/**
 * Duplicate warning at intake (issue 6, item 5): the rules shared by the device and the server, and the
 * wire contract of POST /api/grievances/similar. A grievance counts as a possible duplicate when it is the
 * same citizen's (same mobile number on the device; same mobile or same Aadhaar on the server, where the
 * Aadhaar hash is keyed), registered within the last DUPLICATE_WINDOW_DAYS, and its description is at
 * least DUPLICATE_THRESHOLD similar (src/triage/triage.ts, `findDuplicates`).
 *
 * The answer is deliberately small: official number, date, department, category, status and the score.
 * Never the text, the name, the mobile number or anything of the Aadhaar: any kiosk's operator may ask.
 */
import * as z from 'zod/mini';
import { Mobile } from './schemas';
import { freeText } from './text';

/** How far back a grievance of the same citizen counts as a possible duplicate. */
export const DUPLICATE_WINDOW_DAYS = 30;
const DAY_MS = 24 * 3600_000;

/** The earliest registration time (epoch ms) inside the window ending at `now`. */
export const duplicateWindowStart = (now: Date | number): number => +now - DUPLICATE_WINDOW_DAYS * DAY_MS;

/** Whether a grievance registered at `createdAt` (ISO 8601 with offset) is inside the window ending at `now`; a future or unreadable time is not. */
export function inDuplicateWindow(createdAt: string, now: Date | number): boolean {
  const t = Date.parse(createdAt);
  return Number.isFinite(t) && t >= duplicateWindowStart(now) && t <= +now + 5 * 60_000; // a few minutes of clock skew
}

/** Most candidates the device or the server compares a description with (the newest first). */
export const MAX_DUPLICATE_CANDIDATES = 50;

/** POST /api/grievances/similar. The description travels in a body, never in a URL (logs, proxies). */
export const SimilarRequest = z
  .strictObject({
    mobile: Mobile,
    text: freeText(10, 4000, 'err.description'),
    /** The Aadhaar sealed on the device for the server (as in a submission), with its last 4 digits: matched by its keyed hash. */
    aadhaarLast4: z.optional(z.string().check(z.regex(/^\d{4}$/, 'err.aadhaar'))),
    aadhaarSealed: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/=]{16,1400}$/, 'err.aadhaar'))),
  })
  .check(z.superRefine((v, ctx) => {
    if (!!v.aadhaarLast4 !== !!v.aadhaarSealed) ctx.addIssue({ code: 'custom', message: 'err.aadhaar', path: ['aadhaarLast4'], input: v.aadhaarLast4 });
  }));
export type SimilarRequest = z.infer<typeof SimilarRequest>;

export const SimilarItem = z.object({
  /** The official grievance number. */
  number: z.string(),
  /** The day it was registered (YYYY-MM-DD, India Standard Time). */
  registeredOn: z.string(),
  departmentCode: z.string(),
  categoryCode: z.nullable(z.string()),
  status: z.string(),
  /** Similarity of the descriptions, 0..1, computed on the server with the same triage code as the device. */
  score: z.number(),
  /** What made it the same citizen's. */
  match: z.enum(['mobile', 'aadhaar', 'both']),
});
export type SimilarItem = z.infer<typeof SimilarItem>;

export const SimilarResponse = z.object({
  items: z.array(SimilarItem),
  /** The triage model that scored them. */
  modelVersion: z.string(),
  threshold: z.number(),
});
export type SimilarResponse = z.infer<typeof SimilarResponse>;

/** YYYY-MM-DD of `d` in India Standard Time (UTC+05:30, no daylight saving). */
export const istDate = (d: Date): string => new Date(d.getTime() + 330 * 60_000).toISOString().slice(0, 10);
