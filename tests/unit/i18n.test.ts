import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, lookup, type Entry } from '../../src/domain/catalogue';
import { OUTCOME_LABELS, OUTCOME_PHRASES, STATUS_LABELS } from '../../src/domain/labels';
import { langFromSearch, messageText, strings, t } from '../../src/ui/i18n';
import { MESSAGES } from '../../src/domain/messages';
import { ADMIN_UI } from '../../src/ui/admin/admin-strings';
import { WORKFLOW_UI } from '../../src/ui/workflow-strings';
import { STATUS_PRIVACY_UI } from '../../src/ui/status-strings';
import { OUTBOX_POISON_UI } from '../../src/ui/outbox-strings';
import { CAMP_EVENT_UI, CAMP_REPORT_UI, CAMP_TOKEN_UI, CAMP_UI } from '../../src/ui/camp-strings';
import { CAMP_DISPOSAL_UI } from '../../src/ui/camp-disposal-strings';
import { CHAT_UI } from '../../src/ui/chat/chat-strings';
import { HANDOFF_UI } from '../../src/ui/chat/handoff-strings';
import { LEADER_FIGURES_UI } from '../../src/ui/components/leader-figures';
import { SECRETARY_REPORT_UI } from '../../src/ui/components/secretary-report';
import { STATE_DASHBOARD_UI } from '../../src/ui/components/state-dashboard';
import { LAZY_TRIAGE_MESSAGES } from '../../src/triage/lazy-messages';
import { CHAT_STRINGS } from '../../src/chat/strings';

/** Every part of the UI's catalogue that loads with a later chunk, by name (the test below finds any not listed). */
const LAZY_PARTS = {
  ADMIN_UI, WORKFLOW_UI, STATUS_PRIVACY_UI, OUTBOX_POISON_UI, CAMP_UI, CAMP_EVENT_UI, CAMP_TOKEN_UI, CAMP_REPORT_UI, CAMP_DISPOSAL_UI,
  CHAT_UI, HANDOFF_UI, LEADER_FIGURES_UI, SECRETARY_REPORT_UI, STATE_DASHBOARD_UI, LAZY_TRIAGE_MESSAGES,
};
/** The whole UI catalogue at once: building it also proves no key is defined twice across parts. */
const ALL = strings(...Object.values(LAZY_PARTS));
const DICTIONARY: Record<string, Entry> = ALL.entries;
/** Every entry the product can show or send, the assistant's replies included. */
const EVERYTHING: Record<string, Entry> = { ...DICTIONARY, ...Object.fromEntries(Object.entries(CHAT_STRINGS).map(([k, e]) => [`chat:${k}`, e])) };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  describe('the dictionary', () => {
    it('has a non-empty Hindi and English text for every key', () => {
      const missing = Object.entries(EVERYTHING)
        .filter(([, e]) => !e.hi?.trim() || !e.en?.trim())
        .map(([k]) => k);
      expect(missing).toEqual([]);
    });

    it('writes the Hindi text in Devanagari (codes, numbers and names like "English" aside)', () => {
      const latinOnly = Object.entries(EVERYTHING)
        .filter(([k, e]) => !/[\u0900-\u097F]/.test(e.hi) && !['lang.other', 'lang.switchTitle', 'settings.a4'].includes(k))
        .map(([k]) => k);
      expect(latinOnly).toEqual([]);
    });

    it('uses the same placeholders in both languages', () => {
      const differ = Object.entries(EVERYTHING).filter(([, e]) => placeholders(e.hi).join() !== placeholders(e.en).join());
      expect(differ.map(([k]) => k)).toEqual([]);
    });

    it('includes every validation and API message of the domain', () => {
      for (const key of Object.keys(MESSAGES)) expect(DICTIONARY[key]).toBe((MESSAGES as Record<string, unknown>)[key]);
    });

    it('names the screens as ACCEPTANCE.md does in English', () => {
      const en = (k: string) => ALL('en', k as never);
      expect([en('f.name'), en('f.mobile'), en('f.description'), en('f.district'), en('f.department')])
        .toEqual(['Citizen name', 'Mobile number', 'Grievance description', 'District', 'Department']);
      expect([en('intake.submit'), en('receipt.region'), en('nav.outbox'), en('sync.now'), en('f.attachments')])
        .toEqual(['Register grievance', 'Receipt', 'Outbox', 'Sync now', 'Attachments']);
      expect(['saved', 'sending', 'synced', 'attention'].map((s) => en(`state.${s}`)))
        .toEqual(['Saved on device', 'Sending', 'Synced', 'Needs attention']);
    });

    it('names the sign-in screen and the header buttons as ACCEPTANCE.md does in English', () => {
      expect([t('en', 'auth.operatorId'), t('en', 'auth.password'), t('en', 'auth.submit'), t('en', 'auth.signOut')])
        .toEqual(['Operator ID', 'Password', 'Sign in', 'Sign out']);
      expect(t('en', 'sync.signInAgain', { n: 3 })).toBe('Sign in again to send 3 grievances');
    });

    it('names the workflow screens as ACCEPTANCE.md does in English', () => {
      const en = (k: string) => ALL('en', k as never);
      expect(Object.keys(WORKFLOW_UI).every((k) => DICTIONARY[k] === (WORKFLOW_UI as Record<string, unknown>)[k])).toBe(true);
      expect([en('nav.queue'), en('act.dispose'), en('act.f.outcome'), en('act.f.remarks'), en('act.save')])
        .toEqual(['My queue', 'Dispose', 'Outcome', 'Remarks', 'Save']);
      expect([en('nav.status'), en('lookup.submit'), en('sat.satisfied'), en('sat.not_satisfied'), en('act.reopen'), en('act.f.reason')])
        .toEqual(['Status', 'Look up', 'Satisfied', 'Not satisfied', 'Reopen', 'Reason']);
      expect(en('lookup.field')).toMatch(/^Grievance number/);
      // The Status screen at another kiosk (issue 10): "Send code" and "Code"; a poisoned record's "Send again".
      for (const part of [STATUS_PRIVACY_UI, OUTBOX_POISON_UI]) expect(Object.keys(part).every((k) => DICTIONARY[k] === (part as Record<string, unknown>)[k])).toBe(true);
      expect([en('code.send'), en('code.field'), en('outbox.resend')]).toEqual(['Send code', 'Code', 'Send again']);
      expect(en('lookup.mobile')).not.toMatch(/^Grievance number/);
    });

    it('uses the outbox words of PRODUCT.md in Hindi', () => {
      expect(['saved', 'sending', 'synced', 'attention'].map((s) => t('hi', `state.${s}` as never)))
        .toEqual(['डिवाइस पर सुरक्षित', 'भेजा जा रहा है', 'भेजा गया', 'ध्यान दें']);
    });
  });

  describe('t', () => {
    it('fills placeholders', () => {
      expect(t('en', 'sync.sending', { n: 5, m: 2 })).toBe('Syncing 2 of 5');
      expect(t('hi', 'intake.kiosk', { code: 'K1' })).toBe('कियोस्क K1');
    });
    it('words a key that came as data, or falls back to the generic message for an unknown one', () => {
      expect(messageText('en', 'err.mobile')).toBe(MESSAGES['err.mobile'].en);
      expect(messageText('en', 'no.such.key')).toBe(MESSAGES['err.invalid'].en);
    });
  });

  describe('langFromSearch', () => {
    it('reads ?lang=en and ?lang=hi and ignores anything else', () => {
      expect(langFromSearch('?lang=en')).toBe('en');
      expect(langFromSearch('?x=1&lang=hi')).toBe('hi');
      expect(langFromSearch('?lang=fr')).toBeUndefined();
      expect(langFromSearch('')).toBeUndefined();
    });
  });
});

describe('digits in Hindi (issue 15)', () => {
  it('writes counts in Devanagari digits in Hindi and leaves codes as given', () => {
    expect(t('hi', 'sync.waiting', { n: 12 })).toBe('१२ भेजे जाने बाकी');
    expect(t('en', 'sync.waiting', { n: 12 })).toBe('12 waiting to send');
    expect(t('hi', 'intake.kiosk', { code: 'K1023456' })).toBe('कियोस्क K1023456');
  });
});

describe('one catalogue (issue 16 item 4)', () => {
  const src = join(__dirname, '../../src');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

  it('lists every lazily loaded part of the UI here, and nothing registers strings at import', () => {
    const declared = files(join(src, 'ui')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export const (\w+_UI) = \{/gm)].map((m) => m[1]));
    expect(declared.sort()).toEqual(Object.keys(LAZY_PARTS).filter((k) => k.endsWith('_UI')).sort());
    const registering = files(src).filter((f) => /\baddStrings\(|Object\.assign\(dictionary/.test(readFileSync(f, 'utf8')));
    expect(registering).toEqual([]);
  });

  it('fills placeholders with one format(): numbers in Devanagari digits in Hindi, codes as given, a missing value as nothing', () => {
    expect(format('{n} of {m}', 'hi', { n: 12, m: '34' })).toBe('१२ of 34');
    expect(format('{n} of {m}', 'en', { n: 12 })).toBe('12 of ');
    const others = files(src).concat(files(join(__dirname, '../../server'))).filter((f) => !f.endsWith('catalogue.ts'))
      .filter((f) => /\.replace\(\/\\\{\(\\w\+\)\\\}\/g/.test(readFileSync(f, 'utf8')));
    expect(others).toEqual([]);
  });

  it('refuses a key defined twice with different words', () => {
    expect(() => lookup({ a: { hi: 'क', en: 'a' } }, { a: { hi: 'ख', en: 'b' } })).toThrow(/a is defined twice/);
  });

  it('writes each status and outcome once, for the screens, the duplicate warning, the assistant and the SMS texts', () => {
    expect(t('en', 'wfs.assigned')).toBe(STATUS_LABELS.assigned.en);
    expect(t('hi', 'outcome.relief')).toBe(OUTCOME_LABELS.relief.hi);
    expect(Object.keys(OUTCOME_PHRASES).sort()).toEqual(Object.keys(OUTCOME_LABELS).sort());
    const copies = files(src).concat(files(join(__dirname, '../../server'))).filter((f) => !f.endsWith('labels.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes("'found to be a false complaint'") || /'with the officer'/i.test(readFileSync(f, 'utf8')));
    expect(copies).toEqual([]);
  });
});
