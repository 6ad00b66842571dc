/**
 * One-time codes sent to a citizen's mobile (server/otp): the rules both sides show and check. A code is
 * OTP_DIGITS digits, works for OTP_TTL_MINUTES and allows OTP_MAX_TRIES wrong tries; its `purpose` says
 * what it opens: `status` (read the citizen's status), `feedback` (also record their satisfaction or a
 * reopen: what a kiosk that did not register the grievance asks for), `register` (file a grievance for
 * that mobile, by chat).
 */
import * as z from 'zod/mini';

export const OTP_DIGITS = 6;
export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_TRIES = 3;

export const OTP_PURPOSES = ['status', 'feedback', 'register'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number];
/** What each purpose also allows: a code for feedback lets its holder read the status too. */
export const OTP_GRANTS: Readonly<Record<OtpPurpose, readonly OtpPurpose[]>> = {
  status: ['status'], feedback: ['feedback', 'status'], register: ['register'],
};
/** The purposes whose codes allow `wanted`. */
export const purposesAllowing = (wanted: OtpPurpose): OtpPurpose[] => OTP_PURPOSES.filter((p) => OTP_GRANTS[p].includes(wanted));

/** A code as typed: 6 digits, ASCII or Devanagari (the server reads both alike). */
export const OtpCode = z.string({ error: 'otp.format' }).check(z.regex(/^[0-9\u0966-\u096F]{6}$/, 'otp.format'));

/** The same query as GET /api/status?q= (a grievance number, a receipt number or a mobile number). */
const Query = z.string({ error: 'status.query' }).check(z.minLength(1, 'status.query'), z.maxLength(40, 'status.query'));

/** POST /api/status/code: send a code to the mobile behind `q` (the grievance's, or `q` itself). */
export const CodeRequest = z.strictObject({ q: Query });
export type CodeRequest = z.infer<typeof CodeRequest>;
/** The answer: sent, until when it works and how many tries it allows (never the mobile number). */
export const CodeSent = z.object({ sent: z.literal(true), expiresAt: z.string(), tries: z.number() });
export type CodeSent = z.infer<typeof CodeSent>;
/** POST /api/status/verify: the code the citizen read out, for the same `q`. */
export const CodeCheck = z.strictObject({ q: Query, code: OtpCode });
export type CodeCheck = z.infer<typeof CodeCheck>;
