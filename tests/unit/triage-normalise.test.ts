import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_CHARS, keyOf, normalise, tokenise, transliterate } from '../../src/triage/normalise';

describe('triage normalisation', () => {
  describe('transliteration', () => {
    it('writes Devanagari in rough Latin, dropping the unpronounced final and medial a', () => {
      expect(transliterate('कमल')).toBe('kamal');
      expect(transliterate('सड़क')).toBe('sadak');
      expect(transliterate('बिजली')).toBe('bijlii');
      expect(transliterate('पटवारी')).toBe('patvaarii');
      expect(transliterate('समझ')).toBe('samajh');
      expect(transliterate('मित्र')).toBe('mitra'); // a conjunct keeps its final a
    });

    it('writes nasalisation as n before a consonant and drops it at the end of a word', () => {
      expect(transliterate('सांगानेर')).toBe('saangaaner');
      expect(transliterate('नहीं')).toBe('nahii');
    });

    it('leaves Latin text and digits alone and maps Devanagari digits', () => {
      expect(transliterate('bijli 3 din')).toBe('bijli 3 din');
      expect(transliterate('१५ दिन')).toBe('15 din');
    });
  });

  describe('one key for the three registers', () => {
    const same = (...words: string[]) => expect(new Set(words.map(keyOf)).size, words.join(' / ')).toBe(1);
    it('Hindi, Hinglish and English spellings of the same word meet', () => {
      same('पानी', 'paani', 'pani');
      same('बिजली', 'bijli', 'bijlee');
      same('नरेगा', 'nrega', 'naregā', 'manrega', 'MGNREGA');
      same('गाँव', 'गांव', 'gaon', 'gaanv');
      same('ट्रांसफार्मर', 'transformer');
      same('हैंडपंप', 'handpump', 'hand-pump'.replace('-', ''));
      same('पेंशन', 'pension');
      same('राशन', 'ration');
      same('मीटर', 'meter');
      same('जयपुर', 'Jaipur', 'Jaypur');
      same('नहीं', 'nahi', 'nahin', 'nhi');
    });

    it('folds vowel length, diacritics, sh/s, w/v, ph/f and doubled letters', () => {
      expect(normalise('bijli nahi aa rahi')).toBe(normalise('बिजली नहीं आ रही'));
      expect(normalise('Chittorgarh')).toBe(normalise('Chitorgarh'));
      expect(normalise('Phalodi')).toBe(normalise('Falodi'));
      expect(normalise('shikayat')).toBe(normalise('sikayat'));
      expect(normalise('Bhilwara')).toBe(normalise('Bhilvara'));
    });
  });

  describe('tokens', () => {
    it('keep the surface form and position of each word', () => {
      const t = tokenise('पानी नहीं, Jaipur');
      expect(t.map((x) => x.surface)).toEqual(['पानी', 'नहीं', 'Jaipur']);
      expect(t[2].start).toBe(11);
    });

    it('ignore emoji and punctuation', () => {
      expect(tokenise('😀🙏 !!! ...')).toEqual([]);
      expect(normalise('')).toBe('');
    });

    it('read at most MAX_CHARS characters', () => {
      const t = tokenise('बिजली '.repeat(3000));
      expect(t[t.length - 1].end).toBeLessThanOrEqual(MAX_CHARS);
    });

    it('never throw, whatever the input', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => { tokenise(s); }), { numRuns: 300 });
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => { tokenise(s); }), { numRuns: 300 });
      expect(tokenise(undefined as unknown as string)).toEqual([]);
    });
  });
});
