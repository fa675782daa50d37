import { z } from "zod";
import { isValidOrgnr, orgnrSchema } from "./orgnr.js";
import { scopeSchema, scopes, type Scope } from "./scopes.js";
import type { ValidationCode } from "./validationMessages.js";

// Brreg's reply on the fictitious route names the fictitious company it created in TT02, and
// usually the scope it gave it. The app reads them from the (already redacted) text only to
// propose them: a person confirms before anything acts on them.

/** What Brreg's reply seems to name: each null when the reply gives none that fits. */
export interface FictitiousCompanyFinding {
  orgnr: string | null;
  scope: Scope | null;
}

// 9 digits, also written 3+3+3 with spaces; never part of a longer digit group, even one split
// by a space (the first nine digits of "078 964 987 13" are no organisation number).
const orgnrPattern = /(?<!\d[ \u00A0]?)(\d{3})[ \u00A0]?(\d{3})[ \u00A0]?(\d{3})(?![ \u00A0]?\d)/g;
// Longest first, so "…rapporteringspliktig.begrenset" is not read as "…rapporteringspliktig".
const scopesLongestFirst = [...scopes].sort((a, b) => b.length - a.length);
const scopePattern = new RegExp(`(${scopesLongestFirst.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(?!\\w|\\.\\w)`, "i");

/** Synthetic TT02 organisations (Tenor) usually have numbers beginning with 2 or 3. */
function looksSynthetic(orgnr: string): boolean {
  return orgnr.startsWith("2") || orgnr.startsWith("3");
}

/**
 * The fictitious company in Brreg's reply: a number that passes MOD11 and is not the vendor's
 * own, one that looks synthetic before any other; and the first `brreg:reelle/*` scope named.
 */
export function findFictitiousCompany(text: string, vendorOrgnr: string): FictitiousCompanyFinding {
  const candidates = [...text.matchAll(orgnrPattern)].map((m) => `${m[1]}${m[2]}${m[3]}`).filter((n) => isValidOrgnr(n) && n !== vendorOrgnr);
  const orgnr = candidates.find(looksSynthetic) ?? candidates[0] ?? null;
  const named = scopePattern.exec(text)?.[1]?.toLowerCase();
  const scope = scopes.find((s) => s === named) ?? null;
  return { orgnr, scope };
}

/**
 * The confirmation modal's fields (keys are its block_ids): the fictitious company's org number,
 * never the vendor's own (the delegation goes from the company to the vendor), and its scope.
 */
export function fictitiousCompanySchema(vendorOrgnr: string) {
  return z.object({
    fictitious_orgnr: orgnrSchema.refine((n) => n !== vendorOrgnr, { error: "fictitious.same_as_vendor" satisfies ValidationCode }),
    scope: scopeSchema,
  });
}
