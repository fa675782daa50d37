// RFC 4180: a field holding a quote, separator or line break is quoted and its quotes doubled.
// A field a spreadsheet would read as a formula (=, +, -, @ first) gets a leading apostrophe,
// so opening the export cannot run anything.
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(fields: readonly string[], separator: "," | ";" = ","): string {
  return fields.map(csvField).join(separator);
}

const oslo = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** One logged event as the export reads it (the store's event row satisfies it). */
export interface EventRow {
  at: Date;
  kind: string;
  actor: string;
  details: unknown;
}

/**
 * The case's event log as CSV: when (UTC and Oslo wall time), what, who, and the event's details
 * as JSON. Events never hold identity numbers or mail bodies (logEvent's contract), so nothing is
 * filtered here. CRLF line ends and a UTF-8 byte-order mark, so spreadsheets read æøå right.
 */
export function eventsToCsv(events: readonly EventRow[], header: readonly string[]): string {
  const rows = events.map((e) => csvRow([e.at.toISOString(), oslo.format(e.at), e.kind, e.actor, JSON.stringify(e.details ?? {})]));
  return `\uFEFF${[csvRow(header), ...rows].join("\r\n")}\r\n`;
}
