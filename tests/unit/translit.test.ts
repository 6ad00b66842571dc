import { describe, expect, it } from 'vitest';
import { HINDI_WORDS } from '../../src/translit/hindi-words';
import { suggestHindi, transliterateText } from '../../src/translit/romanised';

describe('Hindi typing (romanised → Devanagari, offline)', () => {
  it('turns the issue\'s example into Hindi', () => {
    expect(transliterateText('paani nahi aa raha')).toBe('पानी नहीं आ रहा');
  });
  it('types words of complaints that are not in the list by the rules', () => {
    expect(transliterateText('bijalee')).toBe('बिजली');
    expect(suggestHindi('naala')[0]).toBe('नाला');
    expect(suggestHindi('khet')[0]).toBe('खेत');
  });
  it('offers several suggestions, the word list first, without Latin leftovers', () => {
    const s = suggestHindi('main');
    expect(s.slice(0, 2)).toEqual(['मैं', 'में']);
    expect(s.length).toBeGreaterThan(2);
    for (const word of ['sadak', 'pension', 'transformer', 'xyz']) for (const x of suggestHindi(word)) expect(x).toMatch(/^[\u0900-\u097F]+$/);
  });
  it('completes a word being typed from the word list', () => {
    expect(suggestHindi('bijl', 5, true)[0]).toBe('बिजली');
    expect(suggestHindi('bijl')[0]).toBe('बिज्ल'); // a finished "bijl" is what it says
  });
  it('keeps Devanagari, digits and punctuation as they are', () => {
    expect(transliterateText('गाँव 12 mein, pani!')).toBe('गाँव 12 में, पानी!');
  });
  it('has only Devanagari in its word list', () => {
    for (const [k, v] of Object.entries(HINDI_WORDS)) {
      expect(k).toMatch(/^[a-z_]+$/);
      for (const w of v) expect(w, k).toMatch(/^[\u0900-\u097F\u200C\u200D]+$/);
    }
  });
});
