import { describe, expect, it } from 'vitest';
import { DICTIONARY, langFromSearch, t } from '../../src/ui/i18n';
import { MESSAGES } from '../../src/domain/messages';
import '../../src/ui/admin/admin-strings'; // the admin screens' strings (issue 15), checked like the rest
import { WORKFLOW_UI } from '../../src/ui/workflow-strings'; // the workflow screens' strings join the dictionary when their chunk loads
import { STATUS_PRIVACY_UI } from '../../src/ui/status-strings';
import { OUTBOX_POISON_UI } from '../../src/ui/outbox-strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  describe('the dictionary', () => {
    it('has a non-empty Hindi and English text for every key', () => {
      const missing = Object.entries(DICTIONARY)
        .filter(([, e]) => !e.hi?.trim() || !e.en?.trim())
        .map(([k]) => k);
      expect(missing).toEqual([]);
    });

    it('writes the Hindi text in Devanagari (codes, numbers and names like "English" aside)', () => {
      const latinOnly = Object.entries(DICTIONARY)
        .filter(([k, e]) => !/[\u0900-\u097F]/.test(e.hi) && !['lang.other', 'lang.switchTitle', 'settings.a4'].includes(k))
        .map(([k]) => k);
      expect(latinOnly).toEqual([]);
    });

    it('uses the same placeholders in both languages', () => {
      const differ = Object.entries(DICTIONARY).filter(([, e]) => placeholders(e.hi).join() !== placeholders(e.en).join());
      expect(differ.map(([k]) => k)).toEqual([]);
    });

    it('includes every validation and API message of the domain', () => {
      for (const key of Object.keys(MESSAGES)) expect(DICTIONARY[key]).toBe((MESSAGES as Record<string, unknown>)[key]);
    });

    it('names the screens as ACCEPTANCE.md does in English', () => {
      const en = (k: string) => t('en', k);
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
      const en = (k: string) => t('en', k);
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
      expect(['saved', 'sending', 'synced', 'attention'].map((s) => t('hi', `state.${s}`)))
        .toEqual(['डिवाइस पर सुरक्षित', 'भेजा जा रहा है', 'भेजा गया', 'ध्यान दें']);
    });
  });

  describe('t', () => {
    it('fills placeholders', () => {
      expect(t('en', 'sync.sending', { n: 5, m: 2 })).toBe('Syncing 2 of 5');
      expect(t('hi', 'intake.kiosk', { code: 'K1' })).toBe('कियोस्क K1');
    });
    it('falls back to the generic message for an unknown key', () => {
      expect(t('en', 'no.such.key')).toBe(MESSAGES['err.invalid'].en);
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
