import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import departments from '../../src/domain/reference/departments.json';
import { createTriage, MIN_CONFIDENCE } from '../../src/triage/triage';
import { decodeHead, encodeHead, fromBase64, logits, toBase64, type ModelJson } from '../../src/triage/model';

const triage = createTriage(model as ModelJson);
const codes = new Set(departments.departments.map((d) => d.code));
const categoriesOf = new Map(departments.departments.map((d) => [d.code, new Set(d.categories.map((c) => c.code))]));

describe('triage classifier', () => {
  it('suggests the department and category of a clear grievance in each register', () => {
    const cases: [string, string, string][] = [
      ['गाँव में तीन दिन से बिजली नहीं आ रही, ट्रांसफार्मर जल गया है', 'energy', 'transformer'],
      ['bijli nahi aa rahi 2 din se', 'energy', 'power-cut'],
      ['My old age pension has not been credited for five months', 'sje', 'pension'],
      ['राशन डीलर गेहूं कम तौलता है', 'food', 'ration-not-given'],
      ['naregā ka bhugtan nahi hua', 'rdpr', 'mgnrega'],
      ['जमाबंदी में नाम गलत है', 'revenue', 'record-correction'],
    ];
    for (const [text, dept, cat] of cases) {
      const r = triage.classify(text);
      expect(r.department, text).toBe(dept);
      expect(r.category, text).toBe(cat);
      expect(r.suggest).toBe(true);
    }
  });

  it('returns three distinct known departments, confidences in 0..1, a category of the department', () => {
    const r = triage.classify('सड़क पर गड्ढे हैं और स्ट्रीट लाइट भी बंद है');
    expect(r.departmentTop3).toHaveLength(3);
    expect(new Set(r.departmentTop3.map((d) => d.code)).size).toBe(3);
    for (const d of r.departmentTop3) { expect(codes.has(d.code)).toBe(true); expect(d.confidence).toBeGreaterThanOrEqual(0); expect(d.confidence).toBeLessThanOrEqual(1); }
    expect(r.departmentTop3[0].code).toBe(r.department);
    if (r.category) expect(categoriesOf.get(r.department)!.has(r.category)).toBe(true);
  });

  it('says which words of the text led to the department', () => {
    const text = 'हमारे गाँव का हैंडपंप दो महीने से खराब पड़ा है';
    const r = triage.classify(text);
    expect(r.department).toBe('phed');
    expect(r.why.length).toBeGreaterThan(0);
    expect(r.why[0].word).toBe('हैंडपंप');
    for (const w of r.why) expect(text.toLowerCase()).toContain(w.word);
  });

  it('is deterministic: same text, same result, also from a fresh engine', () => {
    const text = 'nahar me pani nahi aa raha, tail tak nahi pahunchta, Hanumangarh';
    const a = triage.classify(text), b = triage.classify(text), c = createTriage(model as ModelJson).classify(text);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  describe('the place-type rule', () => {
    const dept = (t: string) => triage.classify(t).department;
    it('drains, roads and street lights go to Panchayati Raj in a village and to the urban body in a town', () => {
      expect(dept('gaon me nali jam hai, ganda pani gali me')).toBe('rdpr');
      expect(dept('ward me nali jam hai, ganda pani gali me')).toBe('lsg');
      expect(dept('हमारे गाँव की सड़क टूटी है')).toBe('rdpr');
      expect(dept('हमारे वार्ड की सड़क टूटी है')).toBe('lsg');
      expect(dept('gaon ki street light band hai')).toBe('rdpr');
      expect(dept('colony ki street light band hai')).toBe('lsg');
    });
    it('keeps state roads with PWD wherever they are', () => {
      expect(dept('gaon ko jodne wali sadak tuti hai')).toBe('pwd');
      expect(dept('highway par bade gadde, gaon rampura ke paas')).toBe('pwd');
    });
    it('drinking water goes to PHED, canal water to Water Resources', () => {
      expect(dept('पीने का पानी नहीं आ रहा')).toBe('phed');
      expect(dept('नहर में सिंचाई का पानी नहीं आ रहा')).toBe('water-resources');
      expect(dept('nal me pani nahi aa raha')).toBe('phed');
      expect(dept('canal water is not reaching the tail end')).toBe('water-resources');
    });
    it('reports the area type and the rule it applied', () => {
      const r = triage.classify('gaon ki sadak tuti hai');
      expect(r.areaType).toBe('rural');
      expect(r.rule).toBe('pwd→rdpr');
      expect(r.departmentTop3.map((d) => d.code)).toContain('pwd');
    });
  });

  describe('bad input', () => {
    it('empty text, emoji or noise: no suggestion, zero or low confidence, no exception', () => {
      for (const t of ['', '   ', '😀🙏', '!!!', 'sir', 'नमस्ते', 'asdf qwer zxcv']) {
        const r = triage.classify(t);
        expect(r.suggest, t).toBe(false);
        expect(r.confidence, t).toBeLessThan(MIN_CONFIDENCE);
        expect(r.departmentTop3).toHaveLength(3);
      }
      expect(() => triage.classify(undefined as unknown as string)).not.toThrow();
    });

    it('a single word: a suggestion at most 60% sure', () => {
      const r = triage.classify('बिजली');
      expect(r.department).toBe('energy');
      expect(r.confidence).toBeLessThanOrEqual(0.6);
    });

    it('10,000 characters: only the beginning is read, quickly', () => {
      const long = 'गाँव में बिजली नहीं आ रही है। '.repeat(400);
      const t0 = performance.now();
      const r = triage.classify(long);
      expect(performance.now() - t0).toBeLessThan(100);
      expect(r.truncated).toBe(true);
      expect(r.department).toBe('energy');
      const t1 = performance.now();
      triage.classify('x'.repeat(10_000));
      triage.classify('a '.repeat(5_000));
      expect(performance.now() - t1).toBeLessThan(100);
    });

    it('mixed scripts and two districts: both districts, in order', () => {
      const r = triage.classify('Udaipur ke Sector 11 me bijli 3 दिन से नहीं है, भीलवाड़ा में भी यही हाल');
      expect(r.department).toBe('energy');
      expect(r.districts).toEqual(['udaipur', 'bhilwara']);
    });

    it('two problems in one text: both departments in the top 3', () => {
      const r = triage.classify('बिजली नहीं आ रही 3 दिन से और पीने का पानी भी नहीं आ रहा');
      const top = r.departmentTop3.map((d) => d.code);
      expect(top).toContain('energy');
      expect(top).toContain('phed');
    });
  });

  describe('model file', () => {
    it('base64 round-trips bytes', () => {
      const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
      for (const n of [0, 1, 2, 3, 299, 300]) expect(Array.from(fromBase64(toBase64(bytes.slice(0, n))))).toEqual(Array.from(bytes.slice(0, n)));
    });

    it('encodes pruned int8 weights and decodes them to the same logits (within a quantum)', () => {
      const weights = new Map<number, Float64Array>([[5, Float64Array.from([1.5, -0.01, 0.2])], [70000, Float64Array.from([-2, 0.5, 0])]]);
      const head = decodeHead(encodeHead(['a', 'b', 'c'], [0.1, 0, -0.1], weights, 1, 0.05));
      const z = logits(head, [5, 70000, 9], [1, 1, 1]);
      expect(z[0]).toBeCloseTo(0.1 + 1.5 - 2, 1);
      expect(z[1]).toBeCloseTo(0.5, 1); // -0.01 pruned
      expect(z[2]).toBeCloseTo(-0.1 + 0.2, 1);
    });
  });
});
