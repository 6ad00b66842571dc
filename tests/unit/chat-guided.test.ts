/**
 * The kiosk's guided mode (src/chat/guided.ts): the same engine run by an operator for a walk-in citizen,
 * with the triage model in-process and a `save` that records what the intake path would be given.
 * Scripted dialogues in Hindi, English and Hinglish: no code is ever asked for, the operator confirms
 * (consent and the mobile attested) before anything is saved, and what is saved is an ordinary intake record.
 */
import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage } from '../../src/triage/triage';
import type { ModelJson } from '../../src/triage/model';
import { step } from '../../src/chat/engine';
import { guidedEffects } from '../../src/chat/guided';
import type { ChatState } from '../../src/chat/types';
import { IntakeFields, type IntakeWithTriage } from '../../src/domain/schemas';
import type { Lang } from '../../src/domain/messages';

const triage = createTriage(model as unknown as ModelJson);

function kiosk() {
  const saved: { fields: IntakeWithTriage; lang: Lang }[] = [];
  const fx = guidedEffects({
    classify: async (text) => triage.classify(text),
    save: async (fields, lang) => {
      saved.push({ fields, lang });
      return { receiptNumber: `K1023456-20261203-D1-${String(saved.length).padStart(4, '0')}` };
    },
  });
  let state: ChatState | null = null;
  const say = async (text: string, lang: Lang) => {
    const r = await step(state, { text, lang }, fx);
    state = r.state;
    return { all: r.messages.map((m) => m.text).join('\n'), choices: r.messages.at(-1)?.choices ?? [], state: r.state };
  };
  return { saved, say };
}

describe('chat: the kiosk guided mode', () => {
  it('Hindi: a walk-in citizen registered without a code; the operator confirms; an ordinary intake record', async () => {
    const k = kiosk();
    const open = await k.say('', 'hi');
    expect(open.choices).toEqual(['नया परिवाद', 'सामान्य प्रश्न']);
    const r1 = await k.say('नया परिवाद', 'hi');
    expect(r1.all).toContain('अपनी समस्या लिखें');
    const r2 = await k.say('हमारे गाँव में हैंडपंप 10 दिन से खराब है, पीने का पानी नहीं मिल रहा, जिला जयपुर', 'hi');
    expect(r2.all).toContain('विभाग');
    const r3 = await k.say('हाँ', 'hi');
    const area = r3.all.includes('गाँव में है या शहर') ? await k.say('गाँव', 'hi') : r3;
    const place = area.all.includes('गाँव / मोहल्ले') ? await k.say('चौमूं', 'hi') : area;
    expect(place.all).toContain('आपका नाम');
    const mob = await k.say('रामेश्वर लाल', 'hi');
    expect(mob.all).toContain('कोड से सत्यापन नहीं होता');
    const confirm = await k.say('98290 12345', 'hi');
    expect(confirm.all).toContain('कोड से सत्यापित नहीं');
    expect(confirm.all).toContain('सहमति');
    expect(confirm.choices).toEqual(['हाँ', 'नहीं']);
    expect(k.saved).toEqual([]); // nothing before the operator's yes
    const done = await k.say('हाँ', 'hi');
    expect(done.all).toContain('K1023456-20261203-D1-0001');
    expect(k.saved).toHaveLength(1);
    const { fields, lang } = k.saved[0];
    expect(lang).toBe('hi');
    const { triage: _t, ...intake } = fields;
    expect(IntakeFields.safeParse(intake).success).toBe(true);
    expect(fields).toMatchObject({ name: 'रामेश्वर लाल', mobile: '9829012345', districtCode: 'jaipur', departmentCode: 'phed', areaType: 'rural', consent: true });
    expect(fields.triage).toMatchObject({ suggestedDepartment: 'phed', accepted: true });
  });

  it('English: another department chosen, the operator says No and nothing is saved', async () => {
    const k = kiosk();
    await k.say('New grievance', 'en');
    const r = await k.say('The street lights in ward 12 of Kota city have not worked for two weeks', 'en');
    expect(r.all).toMatch(/Is that right\?|Which department/);
    if (r.all.includes('Is that right?')) await k.say('Another department', 'en');
    const dept = await k.say('Energy', 'en');
    let next = dept;
    if (next.all.includes('Which district')) next = await k.say('Kota', 'en');
    if (next.all.includes('village or in a town')) next = await k.say('Town', 'en');
    if (next.all.includes('locality or ward')) next = await k.say('Ward 12', 'en');
    expect(next.all).toContain('What is your name?');
    await k.say('Sunita Verma', 'en');
    const confirm = await k.say('+91 94140 55555', 'en');
    expect(confirm.all).toContain('not verified by a code');
    expect(confirm.all).toContain('Department: Energy');
    const no = await k.say('No', 'en');
    expect(no.all).toContain('nothing was registered');
    expect(k.saved).toEqual([]);
  });

  it('Hinglish: understood from the first message; status and 181 are not offered on the kiosk; a wrong mobile asked again', async () => {
    const k = kiosk();
    const elsewhere = await k.say('mera status batao', 'hi');
    expect(elsewhere.all).toContain('स्थिति');
    expect(elsewhere.choices).toEqual(['नया परिवाद', 'सामान्य प्रश्न']);
    const human = await k.say('181 se baat karni hai', 'hi');
    expect(human.all).toContain('निर्देशित मोड');
    const r1 = await k.say('mere gaon me 5 din se bijli nahi aa rahi hai, jaipur jila', 'hi');
    expect(r1.all).toContain('ऊर्जा');
    let next = await k.say('haan', 'hi');
    if (next.all.includes('गाँव में है या शहर')) next = await k.say('gaon', 'hi');
    if (next.all.includes('गाँव / मोहल्ले')) next = await k.say('Khora Bisal', 'hi');
    await k.say('Mohan Singh', 'hi');
    const bad = await k.say('12345', 'hi');
    expect(bad.all).toContain('10 अंकों');
    await k.say('9414012345', 'hi');
    const done = await k.say('haan', 'hi');
    expect(done.all).toContain('रसीद संख्या');
    expect(k.saved[0].fields).toMatchObject({ departmentCode: 'energy', districtCode: 'jaipur', mobile: '9414012345', consent: true });
    // A common question still works offline.
    const faq = await k.say('kaun se documents chahiye?', 'hi');
    expect(faq.all).toContain('दस्तावेज़');
  });
});
