/**
 * The registration's photo question (src/chat/register.ts), engine only, with effects in memory (the
 * triage model in-process; codes always right): offered after the place with "Add a photo / Skip" and the
 * reply's `photo` flag; "Add a photo" before the host has the photo asks again; with it, "received" and
 * on to the name; skipped by button or words; the read-back says whether a photo is attached; `register`
 * is told (draft.photo). Hindi, English and Hinglish. Not offered without a `photo` effect (guided mode).
 */
import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage } from '../../src/triage/triage';
import type { ModelJson } from '../../src/triage/model';
import { step } from '../../src/chat/engine';
import { understoodOf } from '../../src/chat/understood';
import type { ChatEffects, ChatState, Draft } from '../../src/chat/types';
import type { Lang } from '../../src/domain/messages';

const triage = createTriage(model as unknown as ModelJson);

function citizen(opts: { photoEffect?: boolean } = {}) {
  const registered: Draft[] = [];
  let kept: { bytes: number; type: string } | null = null;
  const fx: ChatEffects = {
    sendCode: async () => ({ ok: true }),
    checkCode: async () => ({ ok: true }),
    grievances: async () => [],
    feedback: async () => ({ ok: true }),
    reopen: async () => ({ ok: true }),
    register: async (d) => { registered.push(d); return { ok: true, number: '2612030000013' }; },
    understand: async (text) => understoodOf(triage.classify(text)),
    handoff: async () => ({ ref: 'C0000000000' }),
    ...(opts.photoEffect !== false && { photo: async () => kept }),
  };
  let state: ChatState | null = null;
  const say = async (text: string, lang: Lang) => {
    const r = await step(state, { text, lang }, fx);
    state = r.state;
    return { all: r.messages.map((m) => m.text).join('\n'), last: r.messages.at(-1)!, state: r.state };
  };
  /** From the first message to the photo question (the place given). */
  const toPhoto = async (first: string, lang: Lang) => {
    let r = await say(first, lang);
    for (let i = 0; i < 6 && r.state.await !== 'photo'; i++) {
      const a = r.state.await;
      r = await say(a === 'dept' ? (lang === 'hi' ? 'हाँ' : 'Yes') : a === 'district' ? 'Jaipur' : a === 'area' ? 'Village' : a === 'place' ? 'Khora Bisal' : a === 'description' ? first : '?', lang);
    }
    return r;
  };
  const keep = () => { kept = { bytes: 1234, type: 'image/jpeg' }; };
  return { say, toPhoto, keep, registered };
}

describe('chat: the optional photo of a registration', () => {
  it('Hinglish, in Hindi: "फ़ोटो जोड़ें" before the photo asks again; with it, received, and the read-back says attached', async () => {
    const c = citizen();
    const q = await c.toPhoto('mere gaon khora bisal me 5 din se bijli nahi aa rahi', 'hi');
    expect(q.all).toContain('फ़ोटो जोड़ना चाहेंगे');
    expect(q.last).toMatchObject({ photo: true, choices: ['फ़ोटो जोड़ें', 'छोड़ें', 'मुख्य मेनू'] });
    const early = await c.say('फ़ोटो जोड़ें', 'hi');
    expect(early.all).toContain('फ़ोटो अभी नहीं मिली');
    expect(early.state.await).toBe('photo');
    expect(early.last.photo).toBe(true);
    c.keep();
    const got = await c.say('photo bhej di', 'hi');
    expect(got.all).toContain('फ़ोटो मिल गई');
    expect(got.all).toContain('नाम क्या है');
    await c.say('Ramesh Kumar', 'hi');
    await c.say('9829065555', 'hi');
    const summary = await c.say('123456', 'hi');
    expect(summary.all).toContain('फ़ोटो: 1 जुड़ी है');
    await c.say('haan', 'hi');
    expect(c.registered).toHaveLength(1);
    expect(c.registered[0].photo).toBe('added');
  });

  it('English: Skip goes on to the name; the read-back says none; register is told it was skipped', async () => {
    const c = citizen();
    const q = await c.toPhoto('No electricity in our village for five days, the transformer is burnt', 'en');
    expect(q.last).toMatchObject({ photo: true, choices: ['Add a photo', 'Skip', 'Main menu'] });
    expect((await c.say('Skip', 'en')).all).toMatch(/What is your name\?/);
    await c.say('Sita Devi', 'en');
    await c.say('9829070001', 'en');
    expect((await c.say('123456', 'en')).all).toContain('Photo: none');
    await c.say('Yes', 'en');
    expect(c.registered[0].photo).toBe('skipped');
  });

  it('words and numbers: "nahi" and "no photo" skip, "2" (WhatsApp) skips, "1" adds; unrelated text is not understood', async () => {
    for (const [text, lang] of [['nahi', 'hi'], ['no photo', 'en'], ['2', 'en']] as const) {
      const c = citizen();
      await c.toPhoto('No electricity in our village for five days, the transformer is burnt', lang);
      expect((await c.say(text, lang)).state.await, text).toBe('name');
    }
    const c = citizen();
    await c.toPhoto('No electricity in our village for five days, the transformer is burnt', 'en');
    const odd = await c.say('the weather is nice', 'en');
    expect(odd.all).toMatch(/did not understand/);
    expect(odd.last.photo).toBe(true); // the page keeps its photo field
    c.keep();
    expect((await c.say('1', 'en')).all).toMatch(/Photo received/);
  });

  it('without a photo effect (the kiosk guided mode) no photo is offered', async () => {
    const c = citizen({ photoEffect: false });
    const r = await c.say('No electricity in our village for five days, the transformer is burnt', 'en');
    let s = r;
    for (let i = 0; i < 6 && !['name', 'photo'].includes(s.state.await); i++) {
      const a = s.state.await;
      s = await c.say(a === 'dept' ? 'Yes' : a === 'district' ? 'Jaipur' : a === 'area' ? 'Village' : 'Khora Bisal', 'en');
    }
    expect(s.state.await).toBe('name');
  });
});
