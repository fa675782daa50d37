import { z } from "zod";
import type { Locale } from "./locale.js";
import type { ValidationCode } from "./validationMessages.js";

export const scopes = [
  "brreg:reelle/offentlig",
  "brreg:reelle/rapporteringspliktig",
  "brreg:reelle/rapporteringspliktig.begrenset",
  "brreg:reelle/media",
  "brreg:reelle/sivilsamfunnsorganisasjon",
  "brreg:reelle/hoeyereutdanningsinstitusjon",
] as const;

export const scopeSchema = z.enum(scopes, { error: "scope.invalid" satisfies ValidationCode });
export type Scope = z.infer<typeof scopeSchema>;

export type ScopeInfo = {
  name: { nb: string; en: string };
  /** The category as it appears inside the Altinn delegation scheme's name. */
  altinnCategory: string;
};

// Brreg documents the scheme names for offentlig and rapporteringspliktig only;
// the others follow the same pattern, so guidance tells the customer to pick
// the scheme matching its scope rather than relying on the exact wording.
export const scopeInfo: Record<Scope, ScopeInfo> = {
  "brreg:reelle/offentlig": {
    name: { nb: "Offentlig myndighet", en: "Public authority" },
    altinnCategory: "Offentlig myndighet",
  },
  "brreg:reelle/rapporteringspliktig": {
    name: { nb: "Rapporteringspliktig virksomhet", en: "Reporting entity (AML)" },
    altinnCategory: "Rapporteringspliktig virksomhet",
  },
  "brreg:reelle/rapporteringspliktig.begrenset": {
    name: { nb: "Rapporteringspliktig virksomhet – begrenset", en: "Reporting entity (AML) – limited" },
    altinnCategory: "Rapporteringspliktig virksomhet begrenset",
  },
  "brreg:reelle/media": {
    name: { nb: "Media", en: "Media" },
    altinnCategory: "Media",
  },
  "brreg:reelle/sivilsamfunnsorganisasjon": {
    name: { nb: "Sivilsamfunnsorganisasjon", en: "Civil-society organisation" },
    altinnCategory: "Sivilsamfunnsorganisasjon",
  },
  "brreg:reelle/hoeyereutdanningsinstitusjon": {
    name: { nb: "Høyere utdanningsinstitusjon", en: "Higher-education institution" },
    altinnCategory: "Høyere utdanningsinstitusjon",
  },
};

export function altinnSchemeName(scope: Scope): string {
  return `Register over reelle rettighetshavere - ${scopeInfo[scope].altinnCategory} - På vegne av`;
}

// Slack rejects option text or description over 75 characters, so the long
// scope string goes in the description and the human name in the text.
export function scopeOption(scope: Scope, locale: Locale): { text: string; description: string; value: Scope } {
  return { text: scopeInfo[scope].name[locale], description: scope, value: scope };
}
