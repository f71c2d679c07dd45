/** Table rows as CSV (RFC 4180), with a byte-order mark so that spreadsheet programs read Hangul as UTF-8. */

function cell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  // A leading =, +, - or @ would be run as a formula by a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: object[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [
    columns.map(cell).join(','),
    ...rows.map((row) => columns.map((column) => cell((row as Record<string, unknown>)[column])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
