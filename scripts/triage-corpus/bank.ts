/**
 * Problems citizens bring, per department and category, as they say them in Hindi (hi), romanised Hindi
 * (hg) and English (en); `more` are follow-up sentences with detail. Written by hand from DOMAIN.md §4
 * (the words citizens use) and the kind of calls quoted from the CM helpline. `place` says where the
 * problem happens, so that the same words (drain, road, street light) appear in a village for rdpr and
 * in a town ward for lsg.
 */
import type { DeptBank } from './frames';
import { BANK_UTILITIES } from './bank-utilities';
import { BANK_CIVIC } from './bank-civic';
import { BANK_WELFARE } from './bank-welfare';

/** Every department's bank, in three files by kind of department (each under 400 lines). */
export type { Bank, DeptBank } from './frames';
export const BANK: Record<string, DeptBank> = { ...BANK_UTILITIES, ...BANK_CIVIC, ...BANK_WELFARE };
