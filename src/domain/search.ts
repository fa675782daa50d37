import { normalizeOrgnr } from "./orgnr.js";

// Folding instead of keeping æøå lets "Bronnoysund", typed on a keyboard
// without them, find "Brønnøysund"; the cost is a few extra matches.
const folds: Record<string, string> = { æ: "ae", ø: "o", å: "a" };

export function normalizeForSearch(s: string): string {
  return s
    .toLowerCase()
    .replace(/[æøå]/g, (c) => folds[c]!)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Splits normalised text into words as the trigger of migration 20261124002000 does: on ASCII
 * punctuation, spaces and control characters (\p{Cc}, which also takes in the C1 controls that
 * the trigger keeps; no name holds those, since validation refuses control characters).
 */
export function nameWords(normalized: string): string[] {
  return normalized.split(/[\p{Cc}\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+/u).filter((w) => w !== "");
}

/**
 * Each word past the first adds a subquery to the name search, and PostgreSQL's planning time
 * grows about with the cube of their number: 300 words held the database for over a minute.
 * Real searches are a word or two of a name ("nord sønn"); these caps are far above them.
 */
export const maxStatusWords = 5;
export const maxStatusCharacters = 100;

export type StatusQuery =
  | { kind: "empty" }
  | { kind: "tooLong" }
  | { kind: "reference"; reference: string }
  | { kind: "orgnr"; orgnr: string }
  | { kind: "text"; text: string };

export function parseStatusQuery(q: string): StatusQuery {
  const trimmed = q.trim();
  if (trimmed === "") return { kind: "empty" };
  if ([...trimmed].length > maxStatusCharacters) return { kind: "tooLong" };
  const ref = /^dlg[\s-]*(\d+)$/i.exec(trimmed);
  if (ref) return { kind: "reference", reference: `DLG-${ref[1]!.replace(/^0+(?=\d)/, "")}` };
  // 974 760 673, 974.760.673, 974-760-673, and the VAT form NO 974 760 673 MVA. The spaces next
  // to NO and MVA are the group's, trimmed off: a lazy group before "\s*mva" was tried anew at
  // every space of a long run of them, quadratic.
  const number = /^(?:no)?([\d\s.-]+)(?:mva)?$/i.exec(trimmed);
  const digits = number ? normalizeOrgnr(number[1]!.trim().replace(/[.-]/g, "")) : "";
  if (/^\d{9}$/.test(digits)) return { kind: "orgnr", orgnr: digits };
  const text = normalizeForSearch(trimmed);
  if (new Set(nameWords(text)).size > maxStatusWords) return { kind: "tooLong" };
  return text === "" ? { kind: "empty" } : { kind: "text", text };
}
