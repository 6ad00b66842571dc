/**
 * The reference data's codes only, without names (./reference.ts has the names): what the wire contract
 * (./schemas.ts, ./accounts.ts) and the grievance number (./numbers.ts) check. Kept apart so the service
 * worker, which validates queued grievances but shows no names, does not carry the ~6 KiB (gzip) of
 * names. tests/unit/reference-codes.test.ts checks these are exactly, and in the same order, the codes
 * of ./reference/departments.json and ./reference/districts.json.
 */

/** The 41 districts, in the order of districts.json (a district's place in it is part of the grievance number). */
export const DISTRICT_CODES: [string, ...string[]] = [
  'ajmer', 'alwar', 'balotra', 'banswara', 'baran', 'barmer', 'beawar', 'bharatpur',
  'bhilwara', 'bikaner', 'bundi', 'chittorgarh', 'churu', 'dausa', 'deeg', 'dholpur',
  'didwana-kuchaman', 'dungarpur', 'sri-ganganagar', 'hanumangarh', 'jaipur', 'jaisalmer', 'jalore', 'jhalawar',
  'jhunjhunu', 'jodhpur', 'karauli', 'khairthal-tijara', 'kota', 'kotputli-behror', 'nagaur', 'pali',
  'phalodi', 'pratapgarh', 'rajsamand', 'salumbar', 'sawai-madhopur', 'sikar', 'sirohi', 'tonk',
  'udaipur',
];

/** Each department's category codes, departments in the order of departments.json. */
const CATEGORIES: [string, string[]][] = [
  ['energy', ['power-cut', 'low-voltage', 'transformer', 'billing', 'meter', 'new-connection', 'hazard', 'agri-connection']],
  ['phed', ['no-supply', 'leak', 'quality', 'handpump', 'tanker', 'tap-connection']],
  ['revenue', ['mutation', 'record-correction', 'demarcation', 'encroachment', 'revenue-court', 'certificates', 'conversion']],
  ['rdpr', ['mgnrega', 'pmay-g', 'village-sanitation', 'village-roads', 'sbm-toilet', 'panchayat-staff', 'works-quality']],
  ['lsg', ['garbage', 'street-light', 'sewer', 'stray-animals', 'patta', 'illegal-construction', 'certificates', 'permissions']],
  ['udh', ['lease', 'regularisation', 'land-use']],
  ['home', ['fir', 'inaction', 'liquor', 'theft', 'threat', 'cyber-fraud', 'traffic']],
  ['health', ['staff-absent', 'free-medicine', 'ambulance', 'insurance', 'facility', 'maternity']],
  ['education', ['teachers', 'building', 'mid-day-meal', 'documents', 'rte', 'schemes', 'upgrade']],
  ['sje', ['pension', 'palanhar', 'scholarship', 'disability', 'hostel']],
  ['food', ['ration-not-given', 'nfsa-inclusion', 'ration-card', 'pos-biometric', 'shop-closed', 'lpg']],
  ['agriculture', ['fertiliser', 'crop-insurance', 'pm-kisan', 'subsidy', 'crop-damage']],
  ['cooperative', ['crop-loan', 'loan-waiver', 'society', 'dairy', 'bank']],
  ['wcd', ['anganwadi', 'nutrition', 'maternity-benefit', 'child-protection']],
  ['transport', ['licence', 'registration', 'roadways', 'enforcement']],
  ['pwd', ['road-damage', 'culvert-bridge', 'road-safety', 'construction-quality']],
  ['water-resources', ['canal-supply', 'canal-breach', 'dam', 'water-theft']],
  ['forest', ['tree-felling', 'wildlife', 'forest-encroachment']],
  ['labour', ['construction-worker', 'wages', 'factory']],
  ['mines', ['illegal-mining', 'blasting']],
  ['it', ['emitra-overcharge', 'jan-aadhaar', 'sso']],
  ['animal-husbandry', ['vet', 'livestock-insurance']],
  ['other', ['other']],
];

export const DEPARTMENT_CODES = CATEGORIES.map(([code]) => code) as [string, ...string[]];

const BY_DEPARTMENT = new Map(CATEGORIES);

/** The category codes of a department (empty for an unknown one). */
export const categoryCodesOf = (department: string): readonly string[] => BY_DEPARTMENT.get(department) ?? [];
