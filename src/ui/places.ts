/**
 * Tehsils and blocks (LGD) by district. places.json is 60 KB, so it is fetched with a dynamic import
 * the first time a district is chosen, never in the first-load bundle.
 */
export type Place = { code: string; en: string; district: string };
export type DistrictPlaces = { tehsils: Place[]; blocks: Place[] };
type PlacesFile = { tehsils: Place[]; blocks: Place[]; abolished: { en: string; hi: string; parents: string[] }[] };

let file: Promise<PlacesFile> | undefined;
const places = () => (file ??= import('../domain/reference/places.json').then((m) => m.default as PlacesFile));

/** The tehsils and blocks of one district (codes are LGD codes), sorted by name. */
export async function placesOf(districtCode: string): Promise<DistrictPlaces> {
  const p = await places();
  return {
    tehsils: p.tehsils.filter((t) => t.district === districtCode),
    blocks: p.blocks.filter((b) => b.district === districtCode),
  };
}

/** The districts abolished in 2024 with the districts they went back to (citizens still name them). */
export async function abolishedDistricts(): Promise<PlacesFile['abolished']> {
  return (await places()).abolished;
}
