/**
 * Today's review for a secretary: the day's 10 pending grievances of their departments (the server picks
 * them: oldest, nearest escalation, reopened, low-satisfaction categories), each with a link to its
 * history, a note and an instruction to the officer, and "Mark reviewed"; below, the reviews done per
 * secretary per day. The list is kept for reading offline; marking needs the network.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatGrievanceNumber } from '../../domain/numbers';
import type { ReviewItem, ReviewList } from '../../domain/workflow-api';
import { ReviewMarkRequest } from '../../domain/workflow-api';
import type { SessionInfo } from '../../sync/auth-client';
import { loadReviews, markReviewed, type Loaded } from '../../sync/workflow-client';
import { ErrorText, Field } from '../components/field';
import { errorText, KeptNote, statusName, timeLeft } from '../components/workflow-bits';
import { ReviewReportTable } from '../components/review-report';
import { departmentName, districtName, formatDateTime } from '../format';
import { type Lang, messageText, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { Link } from '../router';
import './workflow.css';
import { enterMovesFocus } from '../enter-key';

const t = strings(WORKFLOW_UI);

export function ReviewScreen({ lang, session }: { lang: Lang; session: SessionInfo }) {
  const [loaded, setLoaded] = useState<Loaded<ReviewList>>();
  const [items, setItems] = useState<ReviewItem[]>([]);
  useEffect(() => {
    void loadReviews(session).then((l) => {
      setLoaded(l);
      if (l.state === 'live' || l.state === 'kept') setItems(l.data.items);
    });
  }, []);
  const list = loaded && (loaded.state === 'live' || loaded.state === 'kept') ? loaded.data : undefined;
  const reviewed = items.filter((i) => i.reviewedAt).length;

  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'reviews.title')}</h1>
      {loaded ? <KeptNote loaded={loaded} lang={lang} /> : <p role="status">{t(lang, 'wk.loading')}</p>}
      {list && (items.length === 0 ? <p class="empty">{t(lang, 'reviews.empty')}</p> : (
        <>
          <p>{t(lang, 'reviews.lead', { date: list.date, n: items.length })}</p>
          <p role="status"><strong>{t(lang, 'reviews.progress', { n: items.length, m: reviewed })}</strong></p>
          <ol class="wk-reviews" aria-label={t(lang, 'reviews.list')}>
            {items.map((item) => (
              <ReviewCard key={item.id} item={item} lang={lang}
                onMarked={(next) => setItems((all) => all.map((i) => (i.id === next.id ? next : i)))} />
            ))}
          </ol>
        </>
      ))}
      <ReviewReportTable session={session} lang={lang} />
    </>
  );
}

function ReviewCard({ item, lang, onMarked }: { item: ReviewItem; lang: Lang; onMarked: (i: ReviewItem) => void }) {
  const [note, setNote] = useState('');
  const [instruction, setInstruction] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const g = item.grievance;
  const id = `rv-${item.id}`;
  const left = timeLeft(g.dueAt, Date.now(), lang);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const body = ReviewMarkRequest.safeParse({ ...(note.trim() && { note: note.trim() }), ...(instruction.trim() && { instruction: instruction.trim() }) });
    if (!body.success) { setError(messageText(lang, body.error.issues[0]?.message ?? 'review.empty', undefined, t)); document.getElementById(`${id}-note`)?.focus(); return; }
    if (!navigator.onLine) { setError(t(lang, 'reviews.offline')); return; }
    setBusy(true);
    const r = await markReviewed(item.id, body.data);
    setBusy(false);
    if (r.ok) { setError(undefined); onMarked(r.item); } else setError(errorText(r.error, lang));
  }

  return (
    <li class="wk-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="wk-card__title">
        <Link href={`/grievances/${g.number}`}>{formatGrievanceNumber(g.number)}</Link>
        <span class="wk-reason"> · {t(lang, `reviews.why.${item.reason}`)}</span>
      </h2>
      <dl class="wk-facts">
        <div><dt>{t(lang, 'wk.department')}</dt><dd>{departmentName(g.departmentCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.district')}</dt><dd>{districtName(g.districtCode, lang)}</dd></div>
        <div><dt>{t(lang, 'wk.status')}</dt><dd>{statusName(g.status, lang)}{g.level && ` (${g.level})`}</dd></div>
        <div><dt>{t(lang, 'reviews.age')}</dt><dd>{g.ageDays === 1 ? t(lang, 'wk.day') : t(lang, 'wk.days', { n: g.ageDays })}</dd></div>
        {g.holderId && <div><dt>{t(lang, 'wk.holder')}</dt><dd>{g.holderId}</dd></div>}
        <div><dt>{t(lang, 'wk.timeLeft')}</dt><dd class={left.overdue ? 'wk-overdue' : undefined}>{left.text}</dd></div>
      </dl>
      <p><Link href={`/grievances/${g.number}`}>{t(lang, 'reviews.history')}<span class="sr-only"> {formatGrievanceNumber(g.number)}</span></Link></p>
      {item.reviewedAt ? (
        <div class="saved-note" role="status">
          <p>{t(lang, 'reviews.done', { time: formatDateTime(item.reviewedAt, lang) })}</p>
          {item.note && <p>{t(lang, 'reviews.note')}: {item.note}</p>}
          {item.instruction && <p>{t(lang, 'reviews.instruction')}: {item.instruction}</p>}
        </div>
      ) : (
        <form class="wk-form" noValidate onSubmit={submit} onKeyDown={enterMovesFocus} aria-labelledby={`${id}-title`}>
          {error && <ErrorText id={`${id}-error`}>{error}</ErrorText>}
          <Field id={`${id}-note`} label={t(lang, 'reviews.note')}>
            {(p) => <textarea {...p} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <Field id={`${id}-instruction`} label={t(lang, 'reviews.instruction')}>
            {(p) => <textarea {...p} rows={2} value={instruction} onInput={(e) => setInstruction(e.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn--primary" aria-disabled={busy ? 'true' : undefined}>{t(lang, 'reviews.mark')}</button>
          </div>
        </form>
      )}
    </li>
  );
}
