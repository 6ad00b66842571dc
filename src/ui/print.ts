/**
 * Printing the receipt. `@media print` in styles.css hides everything but the receipt; this module owns
 * the `@page` box: A4 with margins, or an 80 mm roll exactly as long as the receipt (measured on screen,
 * where the thermal receipt is laid out at its printed size) so a roll printer feeds no blank paper.
 */
import type { Paper } from './prefs';

const PX_PER_MM = 96 / 25.4;

// A constructed stylesheet (CSSOM): the server's CSP (style-src 'self') blocks inline <style> elements.
let sheet: CSSStyleSheet | undefined;
let current = '';
function pageSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  return sheet;
}

/** Sets the printed page for `paper`; `receipt` is the element that will be printed. */
export function setPageSize(paper: Paper, receipt: HTMLElement | null): void {
  let css = '@page { size: A4 portrait; margin: 12mm; }';
  if (paper === 'thermal') {
    const mm = Math.ceil((receipt?.getBoundingClientRect().height ?? 600) / PX_PER_MM) + 6;
    css = `@page { size: 80mm ${Math.max(mm, 60)}mm; margin: 0; }`;
  }
  if (css !== current) pageSheet().replaceSync((current = css));
}
