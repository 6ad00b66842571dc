import { describe, expect, it } from 'vitest';
import { recognisePlaces } from '../../src/triage/gazetteer';

const districts = (text: string) => recognisePlaces(text).districts;

describe('triage place recognition', () => {
  describe('districts', () => {
    it('finds a district in Devanagari and in Latin', () => {
      expect(districts('बाड़मेर जिले के गाँव में बिजली नहीं')).toEqual(['barmer']);
      expect(districts('Barmer me bijli nahi')).toEqual(['barmer']);
      expect(districts('श्रीगंगानगर')).toEqual(['sri-ganganagar']);
      expect(districts('झुंझुनूं')).toEqual(['jhunjhunu']);
    });

    it('knows spelling variants', () => {
      expect(districts('Badmer')).toEqual(['barmer']);
      expect(districts('Chittor')).toEqual(['chittorgarh']);
      expect(districts('Jhunjhunun')).toEqual(['jhunjhunu']);
      expect(districts('S. Madhopur')).toEqual(['sawai-madhopur']);
      expect(districts('Byawar')).toEqual(['beawar']);
      expect(districts('Ganganagar')).toEqual(['sri-ganganagar']);
      expect(districts('Dholpur')).toEqual(districts('Dhaulpur'));
    });

    it('maps the 9 districts abolished in 2024 to their parent', () => {
      expect(districts('Kekri se hu')).toEqual(['ajmer']);
      expect(districts('केकड़ी')).toEqual(['ajmer']);
      expect(districts('Neem ka Thana')).toEqual(['sikar']);
      expect(districts('नीमकाथाना')).toEqual(['sikar']);
      expect(districts('गंगापुर सिटी में')).toEqual(['sawai-madhopur']);
      expect(districts('jodhpur gramin')).toEqual(['jodhpur']);
      expect(districts('जयपुर ग्रामीण')).toEqual(['jaipur']);
      expect(districts('Dudu')).toEqual(['jaipur']);
      expect(districts('Sanchore')).toEqual(['jalore']);
      expect(districts('Anupgarh')).toEqual(['sri-ganganagar']);
    });

    it('lists districts in order of appearance, without duplicates', () => {
      expect(districts('Ajmer aur Bhilwara, phir se Ajmer')).toEqual(['ajmer', 'bhilwara']);
      expect(districts('मैं कोटा में रहता हूँ पर जमीन बूंदी जिले में है')).toEqual(['kota', 'bundi']);
    });
  });

  describe('tehsils, blocks and towns', () => {
    it('finds a tehsil in either script and gives its district', () => {
      const r = recognisePlaces('गाँव रामपुरा, तहसील सांगानेर');
      expect(r.districts).toEqual(['jaipur']);
      expect(r.tehsil).toMatchObject({ name: 'Sanganer', district: 'jaipur' });
      expect(districts('Sanganer tehsil')).toEqual(['jaipur']);
      expect(districts('लूणकरणसर')).toEqual(['bikaner']);
      expect(districts('Kumbhalgadh')).toEqual(['rajsamand']);
      expect(districts('ओसियां')).toEqual(['jodhpur']);
    });

    it('puts tehsils moved to the 2023 districts in their new district', () => {
      expect(districts('Ladnu')).toEqual(['didwana-kuchaman']);
      expect(districts('Tijara')).toEqual(['khairthal-tijara']);
      expect(districts('Kotputli')).toEqual(['kotputli-behror']);
    });

    it('finds a town (urban body) by its Hindi name', () => {
      expect(districts('भिवाड़ी के वार्ड 5 में')).toEqual(['khairthal-tijara']);
    });

    it('resolves a tehsil name shared by several districts only with the district named', () => {
      expect(districts('Raipur tehsil')).toEqual([]);
      expect(districts('tehsil Raipur, jila Pali')).toEqual(['pali']);
    });
  });

  describe('common words that look like places', () => {
    it('are not places without a word like tehsil next to them', () => {
      for (const t of ['शिकार किया', 'नगर परिषद क्षेत्र', 'धन्यवाद', 'bari mehnat', 'कल एक स्कूटी वाले को गिरा दिया', 'शादी में', 'साइबर ठगी', 'नदी पर पुलिया', 'जल्द समाधान'])
        expect(districts(t), t).toEqual([]);
      expect(districts('Bari tehsil')).toEqual(['dholpur']);
    });
  });

  it('handles bad input without throwing', () => {
    for (const t of ['', '😀', 'x'.repeat(10_000), null as unknown as string]) expect(recognisePlaces(t).districts).toEqual([]);
  });
});
