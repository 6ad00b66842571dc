/**
 * Builds src/domain/reference/places.json from the files in reference/ (LGD extracts, GODL-India;
 * see reference/README.md). Run with `npx tsx scripts/build-reference.ts` after changing reference/.
 * The output is committed so that the app, the server and the triage CLI need no build step to read it.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const ref = (f: string) => readFileSync(new URL(`../reference/${f}`, import.meta.url), 'utf8');
const csv = (f: string) => {
  const [head, ...rows] = ref(f).trim().split(/\r?\n/);
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.trim()])));
};
const title = (s: string) => s.toLowerCase().replace(/(^|[\s(.-])([a-z])/g, (m) => m.toUpperCase());

type District = { code: string; en: string; hi: string; division: string; lgd: number | null; variants: string[] };
const districts: District[] = JSON.parse(ref('districts.json')).districts;
const byLgd = new Map(districts.filter((d) => d.lgd).map((d) => [d.lgd!, d.code]));

// New (2023, retained) districts took tehsils from their parents; move those tehsils to the new district.
const moved = new Map<string, string>(); // `${parentCode}|${TEHSIL NAME UPPER}` -> new district code
for (const r of csv('new-district-tehsils.csv'))
  for (const t of r.tehsils_from_parent.split('|')) moved.set(`${r.parent_district_code}|${t.toUpperCase()}`, r.district_code);

const place = (parent: string, name: string) => moved.get(`${parent}|${name.toUpperCase()}`) ?? parent;

const tehsils = csv('rajasthan_lgd_subdistricts_2022.csv').map((r) => {
  const parent = byLgd.get(Number(r['District Code']))!;
  return { code: r['Sub-district Code'], en: title(r['Sub-district Name']), district: place(parent, r['Sub-district Name']) };
});
const blocks = csv('rajasthan_lgd_blocks_2022.csv').map((r) => {
  const parent = byLgd.get(Number(r['District Code']))!;
  return { code: r['Block Code'], en: title(r['Block Name']), district: place(parent, r['Block Name']) };
});
const ulbTypes: Record<string, string> = { '4': 'corporation', '5': 'council', '7': 'board' };
const ulbs = csv('rajasthan_lgd_urban_local_bodies_2022.csv').map((r) => ({
  code: r['Local Body Code'], en: r['Local Body Name'], hi: r['Local Body Name (In Local)'], type: ulbTypes[r['Localbody Type Code']] ?? 'board',
}));
const abolished = csv('rajasthan_districts_abolished_2024.csv').map((r) => {
  const parents = r.territory_reverted_to.replace(/\(.*\)/, '').split('/').map((s) => s.trim());
  const codes = parents.map((p) => districts.find((d) => d.en === p || d.variants.includes(p))!.code);
  return { en: r.district_en, hi: r.district_hi, parents: codes };
});

for (const t of tehsils) if (!t.district) throw new Error(`tehsil without district: ${t.en}`);
const sortBy = <T extends { en: string }>(a: T[]) => a.sort((x, y) => x.en.localeCompare(y.en));
const out = { source: 'LGD (GODL-India, Ministry of Panchayati Raj, https://lgdirectory.gov.in), see reference/README.md',
  districts, abolished, tehsils: sortBy(tehsils), blocks: sortBy(blocks), ulbs: sortBy(ulbs) };
mkdirSync(new URL('../src/domain/reference/', import.meta.url), { recursive: true });
writeFileSync(new URL('../src/domain/reference/places.json', import.meta.url), JSON.stringify(out));
writeFileSync(new URL('../src/domain/reference/districts.json', import.meta.url), JSON.stringify({ districts }));
const depts = JSON.parse(ref('departments.json'));
writeFileSync(new URL('../src/domain/reference/departments.json', import.meta.url), JSON.stringify(depts));
console.log(`places.json: ${districts.length} districts, ${tehsils.length} tehsils, ${blocks.length} blocks, ${ulbs.length} ulbs, ${abolished.length} abolished`);
