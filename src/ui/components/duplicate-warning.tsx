/**
 * Duplicate warning in the intake form, before Register: when this citizen (same mobile number; same
 * Aadhaar too, on the server) has a similar grievance from the last 30 days, on this device or, when
 * online, on the server, it is shown with "Link to it" and "Register anyway".
 *
 * - On the device: the outbox's rows for the mobile number (src/db/duplicate-candidates.ts) scored in
 *   the triage worker (findDuplicates, the tuned threshold). Works offline; cheap, so it follows typing.
 * - On the server: POST /api/grievances/similar (same triage code there), after a longer pause and only
 *   online; it answers number, day, department, status and score only. The Aadhaar is sealed here first.
 * - Link: nothing new is filed. A grievance on this device is shown as its receipt (reprint); one known
 *   only to the server is named with its number, department, day and status for the citizen.
 * - While a warning stands and the operator has chosen neither, Register does not register (the form asks
 *   `onBlock`); "Register anyway" registers at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../../db/grievances';
import { SimilarResponse, type SimilarItem } from '../../domain/duplicates';
import { lazyText, statusInSentence, type LazyTriageMessageKey } from '../../triage/lazy-messages';
import { findDuplicates } from '../../triage/bridge';
import { departmentName, formatDateTime, formatDay, formatGrievanceNo, formatPercent } from '../format';
import { GroupedNumber } from './grouped-number';
import type { Lang } from '../i18n';

/** What the operator chose to link to: the receipt to show again (on this device) and/or a sentence for the citizen. */
export type DuplicateLink = { item?: OutboxItem; note: string };

export type DuplicateWarningProps = {
  /** The normalised mobile number (10 digits). */
  mobile: string;
  /** The normalised Aadhaar, if typed and valid: sealed before it goes to the server. */
  aadhaar?: string;
  text: string;
  lang: Lang;
  /** Incremented by the form when Register was pressed while the warning stands: focus it and say why. */
  nudge?: number;
  onBlock(blocking: boolean): void;
  onLink(link: DuplicateLink): void;
  onRegisterAnyway(): void;
  /** For tests: the device and server checks. */
  findLocal?: (mobile: string, text: string) => Promise<LocalMatch[]>;
  findRemote?: (req: { mobile: string; aadhaar?: string; text: string }) => Promise<SimilarItem[]>;
};

export type LocalMatch = { item: OutboxItem; score: number };

const LOCAL_DEBOUNCE_MS = 400;
const REMOTE_DEBOUNCE_MS = 1200;
/** At most one server check per this long while the operator types (each is rate limited and audited). */
const REMOTE_SPACING_MS = 5000;
/** The server is asked only about descriptions at least this long (each ask is rate limited and audited). */
const REMOTE_MIN_CHARS = 20;

/** This device's grievances of the citizen that look like `text`, best first. */
export async function findLocalMatches(mobile: string, text: string): Promise<LocalMatch[]> {
  const { recentOfMobile } = await import('../../db/duplicate-candidates');
  const candidates = await recentOfMobile(mobile);
  if (!candidates.length) return [];
  const matches = await findDuplicates(text, candidates.map((c) => ({ id: c.row.clientId, text: c.text })));
  const byId = new Map(candidates.map((c) => [c.row.clientId, c.row]));
  return matches.flatMap((m) => (byId.has(m.id) ? [{ item: byId.get(m.id)!, score: m.score }] : []));
}

/** The server's answer (any kiosk's grievances of the citizen); [] when offline, signed out, refused or slow. */
export async function findRemoteMatches(req: { mobile: string; aadhaar?: string; text: string }): Promise<SimilarItem[]> {
  if (!navigator.onLine) return [];
  try {
    const [{ authorizedFetch }, { sealAadhaar }] = await Promise.all([import('../../sync/auth'), import('../../domain/seal')]);
    const sealed = req.aadhaar ? await sealAadhaar(req.aadhaar) : null;
    const res = await authorizedFetch('/api/grievances/similar', {
      method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', signal: AbortSignal.timeout(8_000),
      body: JSON.stringify({ mobile: req.mobile, text: req.text, ...(sealed && { aadhaarLast4: sealed.last4, aadhaarSealed: sealed.sealed }) }),
    });
    if (!res.ok) return [];
    return SimilarResponse.safeParse(await res.json()).data?.items ?? [];
  } catch {
    return [];
  }
}

type Shown = { key: string; local?: LocalMatch; remote?: SimilarItem };

export function DuplicateWarning(props: DuplicateWarningProps) {
  const { mobile, aadhaar, text, lang, onBlock } = props;
  const findLocal = props.findLocal ?? findLocalMatches;
  const findRemote = props.findRemote ?? findRemoteMatches;
  const [local, setLocal] = useState<LocalMatch[]>([]);
  const [remote, setRemote] = useState<SimilarItem[]>([]);
  const [ack, setAck] = useState('');
  const [nudged, setNudged] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const lastRemote = useRef(0);
  const L = (key: LazyTriageMessageKey, vars?: Record<string, string | number>) => lazyText(lang, key, vars);

  // What each check last finished for (tests wait for `data-duplicate-for` instead of a timer).
  const [localFor, setLocalFor] = useState<string>();
  const [remoteFor, setRemoteFor] = useState<string>();
  const localKey = `${mobile} ${text}`;
  const remoteKey = `${mobile} ${aadhaar ?? ''} ${text}`;

  useEffect(() => {
    let live = true;
    const done = (m: LocalMatch[]) => { if (live) { setLocal(m); setLocalFor(localKey); } };
    const timer = setTimeout(() => void findLocal(mobile, text).then(done, () => done([])), LOCAL_DEBOUNCE_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [mobile, text]);

  useEffect(() => {
    let live = true;
    if (text.trim().length < REMOTE_MIN_CHARS) { setRemote([]); setRemoteFor(remoteKey); return; }
    const wait = Math.max(REMOTE_DEBOUNCE_MS, lastRemote.current + REMOTE_SPACING_MS - Date.now());
    const timer = setTimeout(() => {
      lastRemote.current = Date.now();
      void findRemote({ mobile, aadhaar, text }).then((m) => { if (live) { setRemote(m); setRemoteFor(remoteKey); } }, () => { if (live) setRemoteFor(remoteKey); });
    }, wait);
    return () => { live = false; clearTimeout(timer); };
  }, [mobile, aadhaar, text]);
  // The description whose checks (device and server) have both finished, or undefined while one runs.
  const checkedText = localFor === localKey && remoteFor === remoteKey ? text : undefined;

  // The server also knows this device's grievances once sent: those are shown once, as the device's (with a receipt).
  const sentHere = new Set(local.flatMap((m) => (m.item.number ? [m.item.number] : [])));
  const shown: Shown[] = [
    ...local.map((m) => ({ key: `d:${m.item.clientId}`, local: m })),
    ...remote.filter((r) => !sentHere.has(r.number)).map((r) => ({ key: `s:${r.number}`, remote: r })),
  ];
  const key = shown.map((s) => s.key).join(',');
  const blocking = shown.length > 0 && ack !== key;

  useEffect(() => { onBlock(blocking); }, [blocking]);
  useEffect(() => () => onBlock(false), []);
  useEffect(() => {
    if (!props.nudge || !blocking) return;
    setNudged(true);
    ref.current?.focus();
  }, [props.nudge]);

  if (!shown.length) return <span hidden data-duplicate-check="" data-duplicate-for={checkedText} />;

  const link = (s: Shown) => {
    onBlock(false);
    if (s.local) {
      const item = s.local.item;
      props.onLink({ item, note: L('dup.linkedLocal', { n: item.number ? formatGrievanceNo(item.number) : item.receiptNumber }) });
    } else if (s.remote) {
      const r = s.remote;
      props.onLink({ note: L('dup.linkedRemote', { n: formatGrievanceNo(r.number), department: departmentName(r.departmentCode, lang), date: formatDay(r.registeredOn, lang), status: statusInSentence(r.status, lang) }) });
    }
  };
  const registerAnyway = () => {
    setAck(key);
    onBlock(false); // before the form's submit runs (state updates land later)
    props.onRegisterAnyway();
  };

  return (
    <section class="duplicate-warning" id="dup-warning" ref={ref} tabIndex={-1} aria-labelledby="dup-title" data-duplicate-check="" data-duplicate-for={checkedText}>
      <h2 id="dup-title" class="duplicate-warning__title">{L('dup.title')}</h2>
      <p class="duplicate-warning__lead">{L('dup.lead')}</p>
      {nudged && blocking && <p class="form-alert" role="alert">{L('dup.choose')}</p>}
      <ul class="duplicate-warning__list">
        {shown.map((s) => {
          const l = s.local?.item, r = s.remote;
          const number = l ? (l.number ? formatGrievanceNo(l.number) : l.receiptNumber) : formatGrievanceNo(r!.number);
          const when = l ? formatDateTime(l.createdAt, lang) : formatDay(r!.registeredOn, lang);
          const dept = departmentName(l ? l.departmentCode : r!.departmentCode, lang);
          const status = l ? (l.number ? '' : L('dup.onDevice')) : statusInSentence(r!.status, lang);
          const match = r ? L(r.match === 'both' ? 'dup.byBoth' : r.match === 'aadhaar' ? 'dup.byAadhaar' : 'dup.byMobile') : L('dup.byMobile');
          return (
            <li key={s.key}>
              <span class="duplicate-warning__item">
                <strong class="input--digits"><GroupedNumber value={number} /></strong>, {L('dup.registered', { date: when })}, {dept}
                {status && <>, {status}</>} ({match}, {L('dup.similar', { pct: formatPercent(l ? s.local!.score : r!.score, lang) })})
              </span>
              <button type="button" class="btn" onClick={() => link(s)}>{L('dup.link')}: {number}</button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="btn" onClick={registerAnyway}>{L('dup.anyway')}</button>
    </section>
  );
}
