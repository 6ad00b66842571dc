/**
 * The citizen's receipt (पावती): a region named "Receipt" holding a paper-like card that is exactly what
 * prints (A4, or a 72 mm column for an 80 mm thermal roll), plus the Print / paper / close controls,
 * which do not print. Used after registering and to reprint from the outbox.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OutboxItem } from '../../db/grievances';
import { maskAadhaar } from '../../domain/identity';
import { categoryName, departmentName, districtName, excerpt, formatDateTime, formatGrievanceNo, maskMobile } from '../format';
import { placesOf } from '../places';
import { GroupedNumber } from './grouped-number';
import { t, type Lang } from '../i18n';
import { setPaper, type Paper } from '../prefs';
import { setPageSize } from '../print';
import { QrCode } from './qr-code';
import { AttachmentThumbs } from './lazy-attachments';

type Props = {
  item: OutboxItem;
  lang: Lang;
  paper: Paper;
  /** Moves focus to the Print button when the receipt appears, so keyboard users land on it. */
  focusOnShow?: boolean;
  onClose?: () => void;
  closeLabel?: string;
  /** A line above the receipt, e.g. "saved on this device" right after registering (not printed). */
  notice?: string;
};

export function Receipt({ item, lang, paper, focusOnShow, onClose, closeLabel, notice }: Props) {
  const paperRef = useRef<HTMLDivElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const thermal = paper === 'thermal';

  // Keep the printed page box in step with the receipt (its height changes when the QR code arrives).
  useLayoutEffect(() => {
    const el = paperRef.current;
    setPageSize(paper, el);
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setPageSize(paper, el));
    ro.observe(el);
    return () => ro.disconnect();
  }, [paper]);

  useEffect(() => {
    if (!focusOnShow) return;
    // The Print button: the next thing the operator does is print, with one key press.
    printRef.current?.focus({ preventScroll: true });
    paperRef.current?.closest('.receipt')?.scrollIntoView({ block: 'start' });
  }, [item.clientId, focusOnShow]);

  const category = categoryName(item.departmentCode, item.categoryCode, lang);
  const place = usePlace(item);
  const L = (k: Parameters<typeof t>[1]) => t(lang, k);

  return (
    <section class="receipt" role="region" aria-label={L('receipt.region')}>
      {notice && (
        <p class="receipt__notice no-print">
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" />
          </svg>
          {notice}
        </p>
      )}
      <div class="receipt__tools no-print">
        <button ref={printRef} type="button" class="btn btn--primary" onClick={() => { setPageSize(paper, paperRef.current); print(); }}>
          <PrinterIcon /> {L('receipt.print')}
        </button>
        <label class="check">
          <input type="checkbox" checked={thermal} onChange={(e) => void setPaper(e.currentTarget.checked ? 'thermal' : 'a4')} />
          {L('receipt.thermal')}
        </label>
        {onClose && (
          <button type="button" class="btn" onClick={onClose}>
            {closeLabel ?? L('receipt.close')}
          </button>
        )}
      </div>

      <div ref={paperRef} class={`receipt__paper${thermal ? ' receipt__paper--thermal' : ''}`}>
        <h2 class="receipt__title">{L('receipt.title')}</h2>
        <div class="receipt__top">
          <div class="receipt__numbers">
            {item.number && (
              <p class="receipt__number-block">
                <span class="receipt__label">{L('receipt.official')}</span>
                <strong><GroupedNumber class="receipt__number" value={formatGrievanceNo(item.number)} /></strong>
              </p>
            )}
            <p class="receipt__number-block">
              <span class="receipt__label">{L('receipt.number')}</span>
              <strong><GroupedNumber class={item.number ? 'receipt__number receipt__number--small' : 'receipt__number'} value={item.receiptNumber} /></strong>
            </p>
          </div>
          <QrCode class="receipt__qr" text={item.receiptNumber} label={L('receipt.qr')} />
        </div>
        <dl class="receipt__details">
          <Row label={L('receipt.date')} value={formatDateTime(item.createdAt, lang)} />
          <Row label={L('receipt.citizen')} value={item.name} />
          <Row label={L('receipt.mobile')} value={maskMobile(item.mobile)} />
          {item.aadhaarLast4 && <Row label={L('receipt.aadhaar')} value={maskAadhaar(item.aadhaarLast4)} />}
          <Row label={L('receipt.department')} value={departmentName(item.departmentCode, lang) + (category ? ` — ${category}` : '')} />
          <Row label={L('receipt.district')} value={districtName(item.districtCode, lang)} />
          {place && <Row label={L(place.kind === 'tehsil' ? 'receipt.tehsil' : 'receipt.block')} value={place.name} />}
          <Row label={L('receipt.summary')} value={excerpt(item.description, 140)} />
        </dl>
        {!!item.attachmentCount && <AttachmentThumbs clientId={item.clientId} count={item.attachmentCount} lang={lang} />}
        {!item.number && <p class="receipt__note">{L('receipt.sms')}</p>}
        <p class="receipt__note">{L('receipt.helpline')}</p>
      </div>
    </section>
  );
}

/** The tehsil or block chosen at registration, by name (the LGD list is loaded on demand; its code until then). */
function usePlace(item: OutboxItem): { kind: 'tehsil' | 'block'; name: string } | undefined {
  const kind = item.tehsilCode ? 'tehsil' : item.blockCode ? 'block' : undefined;
  const code = item.tehsilCode ?? item.blockCode;
  const [name, setName] = useState<string>();
  useEffect(() => {
    setName(undefined);
    if (!kind || !code) return;
    let live = true;
    void placesOf(item.districtCode).then((p) => {
      if (live) setName((kind === 'tehsil' ? p.tehsils : p.blocks).find((x) => x.code === code)?.en);
    }, () => undefined);
    return () => { live = false; };
  }, [kind, code, item.districtCode]);
  return kind && code ? { kind, name: name ?? code } : undefined;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div class="receipt__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function PrinterIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" class="icon">
      <path fill="currentColor" d="M6 2h12v5H6zM4 8h16a2 2 0 0 1 2 2v6h-4v6H6v-6H2v-6a2 2 0 0 1 2-2zm4 8v4h8v-4zm10-5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
    </svg>
  );
}
