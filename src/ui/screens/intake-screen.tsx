/**
 * The intake form: what the operator types for a walk-in citizen, validated with the shared schema on
 * blur and on submit (../intake/form-model.ts), saved on the device (../intake/save-intake.ts: Aadhaar
 * sealed, the triage suggestion recorded, one transaction), then shown as a receipt while the form resets
 * for the next citizen. The grievance is registered as the signed-in operator's (their kiosk code and
 * operator ID). A similar grievance of the same citizen is shown before Register.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../../db/grievances';
import { correctableSubmission, syncNow } from '../device';
import { normalizeAadhaar, normalizeMobile } from '../../domain/identity';
import { parseIntake } from '../../domain/intake';
import { CampLine } from '../components/camp-line';
import type { TriageShown } from '../components/triage-slot';
import { HindiToggle, useHindiTyping } from '../components/hindi-typing';
import { DuplicateSlot, type DuplicateLink } from '../components/duplicate-slot';
import { Receipt } from '../components/lazy-receipt';
import { AttachmentsField } from '../components/lazy-attachments';
import { messageText, t, type Key, type Lang } from '../i18n';
import type { Prefs } from '../prefs';
import type { SessionInfo } from '../../sync/auth-client';
import type { PreparedAttachment } from '../../media/attachment-rules';
import { Link, navigate, useRoute } from '../router';
import { enterMovesFocus } from '../enter-key';
import { EMPTY, formOf, toInput, useIntakeForm, validate } from '../intake/form-model';
import { canSealAadhaar, saveIntake, type Correcting } from '../intake/save-intake';
import { CitizenFieldset, Consent, GrievanceFieldset, PlaceFieldset } from '../intake/fieldsets';

export function IntakeScreen({ lang, prefs, session }: { lang: Lang; prefs: Prefs; session: SessionInfo }) {
  const model = useIntakeForm((n, f) => { if (n === 'aadhaar') model.setKeyMissing(!canSealAadhaar(f.aadhaar)); });
  const { form } = model;
  const typing = useHindiTyping();
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [receipt, setReceipt] = useState<OutboxItem>();
  const [announce, setAnnounce] = useState('');
  const [focusInvalid, setFocusInvalid] = useState(0);
  // Attachments: prepared (checked, compressed, hashed) in the media worker as they are chosen.
  const [files, setFiles] = useState<PreparedAttachment[]>([]);
  const [filesBusy, setFilesBusy] = useState(false);
  const [filesError, setFilesError] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  // Triage: the suggestion on screen (stored with the grievance); a duplicate warning the operator has not answered.
  const triageShown = useRef<TriageShown | null>(null);
  const dupBlock = useRef(false);
  const [dupNudge, setDupNudge] = useState(0);
  const [linked, setLinked] = useState<DuplicateLink>();
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);
  // "Correct and resend" (/?correct=<clientId>): the form is prefilled with that record and saving replaces it.
  const route = useRoute();
  const correctId = new URLSearchParams(route.search).get('correct') ?? '';
  const [correcting, setCorrecting] = useState<Correcting>();
  const [correctMissing, setCorrectMissing] = useState(false);

  useEffect(() => {
    setCorrecting(undefined);
    setCorrectMissing(false);
    if (!correctId) return;
    let live = true;
    void correctableSubmission(correctId).then((s) => {
      if (!live) return;
      if (!s) { setCorrectMissing(true); return; }
      model.reset(formOf(s));
      setFiles([]);
      setReceipt(undefined);
      setLinked(undefined);
      setCorrecting({ clientId: s.clientId, receiptNumber: s.receiptNumber, aadhaarLast4: s.aadhaarLast4, aadhaarSealed: s.aadhaarSealed, files: s.attachments?.length ?? 0 });
    });
    return () => { live = false; };
  }, [correctId]);

  // After a failed submit, focus goes to the first invalid control in the form's order.
  useEffect(() => {
    if (!focusInvalid) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  function refuseForm(n: number) {
    setAnnounce(L('intake.errors', { n }));
    setFocusInvalid((x) => x + 1);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    model.setSubmitted(true);
    setSaveError(undefined);
    setFilesError(undefined);
    if (filesBusy) {
      setFilesError(L('att.wait'));
      document.getElementById('f-attachments')?.focus();
      return;
    }
    const count = Object.keys(validate(form)).length;
    const parsed = parseIntake(toInput(form));
    if (count || !parsed.ok) return refuseForm(count);
    if (dupBlock.current && !correcting) { setDupNudge((n) => n + 1); return; } // "Link to it" or "Register anyway" first
    setBusy(true);
    setAnnounce(L('intake.saving'));
    try {
      const r = await saveIntake({ fields: parsed.value, aadhaar: form.aadhaar, triage: triageShown.current, files, correcting, lang });
      if (!r.ok) {
        // Nothing was half-saved (one transaction); say why in words and keep what the operator typed.
        const why = r.refusal;
        if (why.kind === 'aadhaarKey') { model.setKeyMissing(true); refuseForm(1); return; }
        if (why.kind === 'attachments') setFilesError(messageText(lang, why.key));
        else setSaveError(L(why.key));
        setAnnounce('');
        return;
      }
      if (correcting) {
        setCorrecting(undefined);
        navigate('/', true);
        void syncNow().catch(() => undefined);
      }
      setLinked(undefined);
      model.reset();
      setFiles([]);
      setReceipt(r.item);
      setAnnounce(L('intake.saved', { n: r.item.receiptNumber }));
    } finally {
      setBusy(false);
    }
  }

  function nextCitizen() {
    document.getElementById('f-name')?.focus(); // before the receipt (and the focused button) goes away
    setReceipt(undefined);
    setLinked(undefined);
    setAnnounce('');
  }

  /** Linked to an existing grievance instead of filing again: nothing is registered; its receipt (on this device) or its number is shown. */
  function linkTo(l: DuplicateLink) {
    model.reset();
    setFiles([]);
    setLinked(l);
    setReceipt(l.item);
    setAnnounce(l.note);
  }

  const errorCount = Object.keys(model.errors).length;
  return (
    <>
      <h1 tabIndex={-1} class="no-print">{L('intake.title')}</h1>
      <p class="kiosk-line no-print">
        {L('intake.kiosk', { code: session.kioskCode ?? '' })} · {L('intake.operator', { name: session.name })}
        {' · '}<Link href="/guided">{L('nav.guided')}</Link>
      </p>
      <CampLine lang={lang} />
      <p class="sr-only" role="status">{announce}</p>

      {receipt && (
        <Receipt item={receipt} lang={lang} paper={prefs.paper} focusOnShow onClose={nextCitizen} closeLabel={L('intake.next')}
          notice={linked?.item ? linked.note : L('intake.savedShort')} />
      )}
      {linked && !linked.item && form === EMPTY && <p class="duplicate-warning no-print" role="status">{linked.note}</p>}

      {correctMissing && <p class="form-alert no-print" role="alert">{L('correct.missing')}</p>}
      {correcting && (
        <div class="correct-note no-print" role="status">
          <p><strong>{L('correct.title', { n: correcting.receiptNumber })}</strong></p>
          <p>{L('correct.hint')}</p>
          {correcting.aadhaarLast4 && <p>{L('correct.aadhaar', { last4: correcting.aadhaarLast4 })}</p>}
          {correcting.files > 0 && <p>{L('correct.files', { n: correcting.files })}</p>}
        </div>
      )}

      <form ref={formRef} class="intake no-print" noValidate onSubmit={submit} onKeyDown={enterMovesFocus}>
        <p class="required-note">{L('intake.required')}</p>
        <HindiToggle typing={typing} lang={lang} />
        {model.submitted && errorCount > 0 && <p class="form-alert">{L('intake.errors', { n: errorCount })}</p>}

        <CitizenFieldset model={model} lang={lang} typing={typing} />
        <PlaceFieldset model={model} lang={lang} typing={typing} />
        <GrievanceFieldset model={model} lang={lang} typing={typing} onTriageShown={(s) => { triageShown.current = s; }} />

        {!correcting && <AttachmentsField lang={lang} files={files} onChange={setFiles} onBusy={setFilesBusy} formError={filesError} />}

        <Consent model={model} lang={lang} />

        {!correcting && <DuplicateSlot mobile={normalizeMobile(form.mobile)} aadhaar={normalizeAadhaar(form.aadhaar) ?? undefined} text={form.description} lang={lang}
          nudge={dupNudge} onBlock={(b) => { dupBlock.current = b; }} onLink={linkTo} onRegisterAnyway={() => formRef.current?.requestSubmit()} />}

        {saveError && <p class="form-alert" role="alert">{saveError}</p>}
        <div class="actions">
          <button type="submit" class="btn btn--primary btn--big" aria-disabled={busy ? 'true' : undefined}>
            {L(correcting ? 'correct.submit' : 'intake.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
