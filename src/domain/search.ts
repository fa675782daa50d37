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

export type StatusQuery =
  | { kind: "empty" }
  | { kind: "reference"; reference: string }
  | { kind: "orgnr"; orgnr: string }
  | { kind: "text"; text: string };

export function parseStatusQuery(q: string): StatusQuery {
  const trimmed = q.trim();
  if (trimmed === "") return { kind: "empty" };
  const ref = /^dlg[\s-]*(\d+)$/i.exec(trimmed);
  if (ref) return { kind: "reference", reference: `DLG-${ref[1]!.replace(/^0+(?=\d)/, "")}` };
  // 974 760 673, 974.760.673, 974-760-673, and the VAT form NO 974 760 673 MVA. The spaces next
  // to NO and MVA are the group's, trimmed off: a lazy group before "\s*mva" was tried anew at
  // every space of a long run of them, quadratic.
  const number = /^(?:no)?([\d\s.-]+)(?:mva)?$/i.exec(trimmed);
  const digits = number ? normalizeOrgnr(number[1]!.trim().replace(/[.-]/g, "")) : "";
  if (/^\d{9}$/.test(digits)) return { kind: "orgnr", orgnr: digits };
  const text = normalizeForSearch(trimmed);
  return text === "" ? { kind: "empty" } : { kind: "text", text };
}
