/** A QR code drawn as one SVG path; uqr is imported lazily so it stays out of the first-load bundle. */
import { useEffect, useState } from 'preact/hooks';

type Props = { text: string; label: string; class?: string };

/** Renders `text` as a QR code (error correction M, 2-module quiet zone), sized by CSS. */
export function QrCode({ text, label, class: cls }: Props) {
  const [qr, setQr] = useState<{ size: number; path: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      const { size, data } = encode(text, { ecc: 'M', border: 2 });
      let path = '';
      data.forEach((row, y) => row.forEach((dark, x) => { if (dark) path += `M${x} ${y}h1v1h-1z`; }));
      if (live) setQr({ size, path });
    });
    return () => { live = false; };
  }, [text]);
  return (
    <svg class={cls} role="img" aria-label={label} viewBox={qr ? `0 0 ${qr.size} ${qr.size}` : '0 0 1 1'} shape-rendering="crispEdges">
      {qr && <rect width={qr.size} height={qr.size} fill="#fff" />}
      {qr && <path d={qr.path} fill="#000" />}
    </svg>
  );
}
