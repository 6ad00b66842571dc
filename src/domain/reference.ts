/**
 * Reference data shared by every runtime: the 41 districts and the departments with their categories.
 * Codes are the stable identifiers in the API, the database and the classifier. Tehsils, blocks and
 * urban bodies are larger and live in ./reference/places.json, loaded only where needed.
 */
import departmentsJson from './reference/departments.json' with { type: 'json' };
import districtsJson from './reference/districts.json' with { type: 'json' };

export type Named = { code: string; en: string; hi: string };
export type Department = Named & { categories: Named[] };
export type District = Named & { division: string; lgd: number | null; variants: string[] };

export const DEPARTMENTS: readonly Department[] = departmentsJson.departments;
export const DISTRICTS: readonly District[] = districtsJson.districts;

export const DEPARTMENT_CODES = DEPARTMENTS.map((d) => d.code) as [string, ...string[]];
export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as [string, ...string[]];

export const departmentByCode = (code: string) => DEPARTMENTS.find((d) => d.code === code);
export const districtByCode = (code: string) => DISTRICTS.find((d) => d.code === code);
