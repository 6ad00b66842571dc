/**
 * Scores of a triage engine on labelled texts: department top-1 and top-3 accuracy, recall per
 * department, category accuracy (when the department is right), and district recall on texts that name
 * one. Used by the training script's report and by the accuracy unit test.
 */
import type { Triage } from './triage';

export type LabelledExample = { id?: string; text: string; department: string; category: string | null; districts?: string[] };

export type Scores = {
  n: number;
  top1: number;
  top3: number;
  recall: Record<string, { n: number; recall: number }>;
  minRecall: { department: string; recall: number };
  category: number;
  districtTexts: number;
  districtRecall: number;
  /** Texts where a district was found that the text does not name. */
  districtFalse: number;
  errors: { id?: string; text: string; expected: string; got: string[] }[];
};

const pct = (a: number, b: number) => (b ? a / b : 1);

export function evaluate(triage: Triage, examples: LabelledExample[]): Scores {
  let top1 = 0, top3 = 0, catOk = 0, catN = 0, dN = 0, dOk = 0, dFalse = 0;
  const per: Record<string, { n: number; ok: number }> = {};
  const errors: Scores['errors'] = [];
  for (const e of examples) {
    const r = triage.classify(e.text);
    const p = (per[e.department] ??= { n: 0, ok: 0 });
    p.n++;
    const codes = r.departmentTop3.map((d) => d.code);
    if (codes[0] === e.department) { top1++; p.ok++; if (e.category) { catN++; if (r.category === e.category) catOk++; } }
    else errors.push({ id: e.id, text: e.text, expected: e.department, got: codes });
    if (codes.includes(e.department)) top3++;
    if (e.districts) {
      if (e.districts.length) { dN++; if (e.districts.every((d) => r.districts.includes(d))) dOk++; }
      if (r.districts.some((d) => !e.districts!.includes(d))) dFalse++;
    }
  }
  const recall = Object.fromEntries(Object.entries(per).sort().map(([d, v]) => [d, { n: v.n, recall: pct(v.ok, v.n) }]));
  const min = Object.entries(recall).reduce((m, [d, v]) => (v.recall < m.recall ? { department: d, recall: v.recall } : m), { department: '', recall: 1 });
  return { n: examples.length, top1: pct(top1, examples.length), top3: pct(top3, examples.length), recall, minRecall: min,
    category: pct(catOk, catN), districtTexts: dN, districtRecall: pct(dOk, dN), districtFalse: dFalse, errors };
}
