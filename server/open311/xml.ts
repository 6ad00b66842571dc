/** GeoReport v2's XML forms: a root, one element per item, one child element per field (null: empty). */

/** Text safe inside an XML element: escaped, and without the characters XML 1.0 cannot carry. */
export function xmlText(v: unknown): string {
  return String(v)
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function toXml(root: string, item: string, rows: readonly Record<string, unknown>[]): string {
  const fields = (r: Record<string, unknown>) =>
    Object.entries(r).map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : `<${k}>${xmlText(v)}</${k}>`)).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${rows.map((r) => `<${item}>${fields(r)}</${item}>`).join('')}</${root}>\n`;
}
