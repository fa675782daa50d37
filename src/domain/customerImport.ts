// Many customers at once: a list pasted from a spreadsheet into the import modal's `customers`
// input, or read from a CSV file, checked line by line with the same schemas as the order modal.
// Pure: the caller creates the cases for the ready lines and shows the rest with their errors.
import type { z } from "zod";
import { redactIdentityNumbers } from "./identityNumbers.js";
import { customerPartSchema, validateFields } from "./order.js";
import { normalizeOrgnr, orgnrSchema } from "./orgnr.js";
import type { ValidationCode } from "./validationMessages.js";

/** More than this many customers in one import is refused as a whole (one case, one thread each). */
export const importLimit = 50;

/** Slack refuses a plain_text_input value (and initial_value) over this many characters. */
export const slackTextInputMaxLength = 3000;

/**
 * True when `text` has reached Slack's cap for a text input, so the caller should ask for the
 * CSV file instead. Reaching the cap counts, not only passing it: a paste that fills the input
 * to the last character may have been cut, and a cut last line can still look valid (an e-mail
 * "ola@kunde.n"). Counts UTF-16 units, which is never fewer than Slack's characters.
 */
export function importTextTooLong(text: string): boolean {
  return text.length >= slackTextInputMaxLength;
}

/** The columns, in the order a line holds them: the order modal's customer field ids. */
export const importFieldIds = [
  "customer_orgnr",
  "customer_name",
  "customer_contact_name",
  "customer_contact_email",
  "customer_contact_phone",
] as const satisfies ReadonlyArray<keyof z.input<typeof customerPartSchema>>;
export type ImportFieldId = (typeof importFieldIds)[number];

/** Where an error belongs: one of the fields, or "line" for one that is about the whole line (import.fields). */
export type ImportErrorKey = ImportFieldId | "line";

/** A customer as the order modal's step 2 would have stored it: orgnr without spaces, e-mail lower case, phone +<digits>. */
export type ImportCustomer = z.output<typeof customerPartSchema>;

type LineBase = {
  /** 1-based line number in the text as given, counting header and blank lines, so it matches what the user sees. */
  lineNumber: number;
  /**
   * The fields as split, unquoted and trimmed, with any national identity number replaced by a
   * placeholder: safe to echo back in Slack. Trailing empty fields past the fifth are dropped.
   */
  fields: string[];
};

export type ImportLine =
  | (LineBase & { status: "ready"; customer: ImportCustomer })
  | (LineBase & { status: "invalid"; errors: Partial<Record<ImportErrorKey, ValidationCode>> });

export type CustomerImport =
  | {
      tooMany: false;
      limit: typeof importLimit;
      /** Data lines (not the header, not blank lines). */
      count: number;
      /** The line taken as a header and skipped, or null. */
      headerLineNumber: number | null;
      /** One per data line, in the order given. */
      lines: ImportLine[];
    }
  | {
      /** Over the limit: nothing is checked, so the caller refuses the whole list ("50 at most"). */
      tooMany: true;
      limit: typeof importLimit;
      count: number;
      headerLineNumber: number | null;
      lines: [];
    };

type Separator = "\t" | ";" | ",";

// Decided per line, looking outside quotes only, so that a comma-separated file line with a
// quoted "Kunde; avd. Oslo" still splits on commas. Tab first, as a spreadsheet paste has tabs
// and its cells may hold semicolons; comma last, as it only ever comes from a CSV file.
function separatorOf(line: string): Separator {
  let inQuotes = false;
  let semicolon = false;
  let comma = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === "\t") return "\t";
    else if (ch === ";") semicolon = true;
    else if (ch === ",") comma = true;
  }
  if (semicolon) return ";";
  if (comma) return ",";
  // An unbalanced quote hid everything: decide on the raw line instead.
  return line.includes("\t") ? "\t" : line.includes(";") ? ";" : ",";
}

// CSV as spreadsheets write it: a field may be wrapped in quotes, with "" for a quote inside.
// A quote that is never closed is taken literally rather than swallowing the rest of the line.
// Fields spanning lines (a quoted line break) are not supported: names and addresses have none.
function splitLine(line: string, separator: Separator): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    // Spaces only: trimming tabs here would eat an empty tab-separated field.
    let start = i;
    while (line[start] === " " || line[start] === "\u00A0") start++;
    if (line[start] === '"') {
      const quoted = readQuoted(line, start + 1);
      if (quoted) {
        const next = line.indexOf(separator, quoted.end);
        // Anything between the closing quote and the separator is kept, leniently.
        fields.push((quoted.value + line.slice(quoted.end, next < 0 ? undefined : next)).trim());
        if (next < 0) return fields;
        i = next + 1;
        continue;
      }
    }
    const next = line.indexOf(separator, i);
    fields.push(line.slice(i, next < 0 ? undefined : next).trim());
    if (next < 0) return fields;
    i = next + 1;
  }
}

function readQuoted(line: string, from: number): { value: string; end: number } | null {
  let value = "";
  for (let k = from; k < line.length; k++) {
    if (line[k] !== '"') value += line[k];
    else if (line[k + 1] === '"') {
      value += '"';
      k++;
    } else return { value, end: k + 1 };
  }
  return null;
}

// Column words, looked for in each field reduced to lower-case letters ("Org.nr." → "orgnr",
// "E-post" → "epost", "Kundenavn" holds "navn"). Words that begin company names or e-mail
// addresses ("kunde", "firma", "mail") are left out, so a customer line is not taken for a header.
const headerWords = [
  "orgnr",
  "orgno",
  "orgnum",
  "organisasjonsnummer",
  "organisationnumber",
  "organizationnumber",
  "navn",
  "name",
  "kontakt",
  "contact",
  "epost",
  "email",
  "telefon",
  "tlf",
  "phone",
  "mobil",
];

/**
 * A header names columns: its first field does not start with a digit (an orgnr would), and at
 * least two fields hold a column word, which one mistyped customer line hardly ever does.
 */
function isHeader(fields: readonly string[]): boolean {
  if (/^\d/.test(fields[0] ?? "")) return false;
  const named = fields.filter((f) => {
    const letters = f.toLowerCase().replace(/[^\p{L}]/gu, "");
    return headerWords.some((w) => letters.includes(w));
  });
  return named.length >= 2;
}

type DataLine = { lineNumber: number; fields: string[] };

// Blank lines (also ";;;;" or tabs only, as spreadsheets leave) are skipped; the header may only
// be the first non-blank line, because a later line with words is a customer typed wrongly.
function dataLines(text: string): { header: number | null; lines: DataLine[] } {
  const rows = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const lines: DataLine[] = [];
  let header: number | null = null;
  let seenAny = false;
  rows.forEach((row, index) => {
    const fields = splitLine(row, separatorOf(row));
    if (fields.every((f) => f === "")) return;
    if (!seenAny && isHeader(fields)) header = index + 1;
    else lines.push({ lineNumber: index + 1, fields: dropTrailingEmpty(fields) });
    seenAny = true;
  });
  return { header, lines };
}

// Spreadsheets copy empty cells to the right of the data as trailing tabs; an empty phone in the
// fifth column must still be reported as missing, so only what lies past the fifth is dropped.
function dropTrailingEmpty(fields: string[]): string[] {
  let end = fields.length;
  while (end > importFieldIds.length && fields[end - 1] === "") end--;
  return fields.slice(0, end);
}

/**
 * Parses the text of the import (one customer a line: `orgnr; name; contact name; e-mail; phone`,
 * separated by tabs, semicolons, or commas when the line has neither) and checks every line with
 * the order modal's customer schema, plus: the vendor's own orgnr (`orgnr.same_as_vendor`), an
 * orgnr already on an earlier line (`import.duplicate_orgnr`, on the later lines only) and a line
 * without exactly five fields (`import.fields` under "line"; its fields are not checked then,
 * since they may be in the wrong columns). Over `importLimit` data lines nothing is checked and
 * `tooMany` is true. A header line, blank lines, CRLF, a byte-order mark and spreadsheet quoting
 * are handled. Never throws.
 */
export function parseCustomerImport(text: string, opts: { vendorOrgnr: string }): CustomerImport {
  const { header, lines } = dataLines(text);
  const count = lines.length;
  if (count > importLimit) return { tooMany: true, limit: importLimit, count, headerLineNumber: header, lines: [] };

  const vendorOrgnr = normalizeOrgnr(opts.vendorOrgnr.trim());
  const seen = new Set<string>();
  const checked = lines.map((line): ImportLine => {
    const fields = line.fields.map(redactIdentityNumbers);
    if (line.fields.length !== importFieldIds.length) {
      return { lineNumber: line.lineNumber, fields, status: "invalid", errors: { line: "import.fields" } };
    }
    const raw = Object.fromEntries(importFieldIds.map((id, i) => [id, line.fields[i]]));
    const result = validateFields(customerPartSchema, raw);
    const errors: Partial<Record<ImportErrorKey, ValidationCode>> = result.ok ? {} : { ...result.errors };

    const orgnr = orgnrSchema.safeParse(raw.customer_orgnr);
    if (orgnr.success) {
      if (orgnr.data === vendorOrgnr) errors.customer_orgnr = "orgnr.same_as_vendor";
      else if (seen.has(orgnr.data)) errors.customer_orgnr = "import.duplicate_orgnr";
      else seen.add(orgnr.data);
    }

    if (result.ok && Object.keys(errors).length === 0) {
      return { lineNumber: line.lineNumber, fields, status: "ready", customer: result.value };
    }
    return { lineNumber: line.lineNumber, fields, status: "invalid", errors };
  });
  return { tooMany: false, limit: importLimit, count, headerLineNumber: header, lines: checked };
}
