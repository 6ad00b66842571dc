/**
 * GET /api/places/:district (issue 15): one district's gram panchayats, villages and wards from the Local
 * Government Directory, as the server serves them and the intake's pickers keep them for offline use.
 */
import * as z from 'zod/mini';
import { DISTRICT_CODES } from './reference';

export const PlaceParams = z.strictObject({ district: z.enum(DISTRICT_CODES, { error: 'err.district' }) });
const nullable = <T extends z.ZodMiniType>(s: T) => z.nullable(s);
const LocalPlace = z.object({ code: z.string(), en: z.string(), hi: nullable(z.string()) });
export const DistrictLocalPlaces = z.object({
  district: z.string(),
  /** Changes with every import: the device keeps the copy it has until it sees another version. */
  version: z.string(),
  gramPanchayats: z.array(z.object({ ...LocalPlace.shape, block: nullable(z.string()) })),
  villages: z.array(z.object({ ...LocalPlace.shape, gp: nullable(z.string()), block: nullable(z.string()), tehsil: nullable(z.string()) })),
  wards: z.array(z.object({ ...LocalPlace.shape, ulb: nullable(z.string()) })),
});
export type DistrictLocalPlaces = z.infer<typeof DistrictLocalPlaces>;
