/**
 * The citizen's on-the-spot disposal slip (issue 12 item 3), printed at the camp: Hindi first, then English,
 * whatever the screen's language; the receipt number (and the official number once known), the department,
 * the outcome and what was done, the officer's name and designation, the camp, the date and time in India
 * time, and a QR of the citizen's status page. Laid out for the 80 mm thermal roll (a 72 mm column) or A4,
 * as the device's receipt paper is set; it prints alone (./disposal-slip.css).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Outcome } from '../../domain/workflow';
import { departmentName, formatGrievanceNo } from '../format';
import { type KeyOf, strings, type Vars } from '../i18n';
import { CAMP_DISPOSAL_UI } from '../camp-disposal-strings';
import { setPageSize } from '../print';
import type { Paper } from '../prefs';
import { GroupedNumber } from './grouped-number';
import { QrCode } from './qr-code';
import './disposal-slip.css';

const t = strings(CAMP_DISPOSAL_UI);

export interface SlipData {
  receiptNumber: string;
  number?: string;
  departmentCode: string;
  outcome: Outcome;
  remarks: string;
  officerName: string;
  /** e.g. "Level L1, PHED". */
  officerLevel?: string;
  officerDepartments?: string[];
  campName: string;
  venue: string;
  /** Epoch ms of the disposal on the device. */
  at: number;
}

/** Date and time in India time, whatever the device's zone. */
const indiaTime = (ms: number, lang: 'hi' | 'en') =>
  new Date(ms).toLocaleString(lang === 'hi' ? 'hi-IN' : 'en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' }) + (lang === 'en' ? ' IST' : '');

/** The citizen's status page for this grievance (the citizen assistant, which asks for the number and a code). */
export const statusUrl = (receiptNumber: string) => `${location.origin}/chat?q=${encodeURIComponent(receiptNumber)}`;

export function DisposalSlip({ slip, paper, printNow }: { slip: SlipData; paper: Paper; printNow?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    setPageSize(paper, ref.current);
    if (printNow) window.print();
  }, [slip.receiptNumber, slip.at]);
  const both = (k: KeyOf<typeof t>, v?: Vars) => <>{t('hi', k, v)} <span class="dslip__en">/ {t('en', k, v)}</span></>;
  const designation = (lang: 'hi' | 'en') => [
    slip.officerLevel && t(lang, 'slip.level', { level: slip.officerLevel }),
    ...(slip.officerDepartments ?? []).map((d) => departmentName(d, lang)),
  ].filter(Boolean).join(', ');
  const row = (k: KeyOf<typeof t>, hi: string, en?: string) => (
    <div class="dslip__row"><dt>{both(k)}</dt><dd>{hi}{en && en !== hi && <span class="dslip__en"> / {en}</span>}</dd></div>
  );
  return (
    <section ref={ref} class={`dslip${paper === 'thermal' ? ' dslip--thermal' : ''}`} aria-label={t('en', 'slip.title')} lang="hi">
      <h2 class="dslip__title">{both('slip.title')}</h2>
      <dl class="dslip__list">
        <div class="dslip__row"><dt>{both('slip.receipt')}</dt><dd><strong><GroupedNumber value={slip.receiptNumber} /></strong></dd></div>
        {slip.number && <div class="dslip__row"><dt>{both('slip.number')}</dt><dd><strong><GroupedNumber value={formatGrievanceNo(slip.number)} /></strong></dd></div>}
        {row('slip.department', departmentName(slip.departmentCode, 'hi'), departmentName(slip.departmentCode, 'en'))}
        {row('slip.outcome', t('hi', `outcome.${slip.outcome}`), t('en', `outcome.${slip.outcome}`))}
        <div class="dslip__row"><dt>{both('slip.remarks')}</dt><dd class="dslip__remarks">{slip.remarks}</dd></div>
        {row('slip.officer', `${slip.officerName}${designation('hi') ? `, ${designation('hi')}` : ''}`, designation('en') ? `${slip.officerName}, ${designation('en')}` : undefined)}
        {row('slip.camp', `${slip.campName}, ${slip.venue}`)}
        {row('slip.when', indiaTime(slip.at, 'hi'), indiaTime(slip.at, 'en'))}
      </dl>
      <div class="dslip__qr-box">
        <QrCode class="dslip__qr" text={statusUrl(slip.receiptNumber)} label={t('en', 'slip.qr')} />
        <p class="dslip__qr-label">{both('slip.qr')}</p>
      </div>
    </section>
  );
}
