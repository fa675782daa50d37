import { environmentInfo, type Environment } from "./environments.js";
import type { Locale } from "./locale.js";
import { formatOrgnr } from "./orgnr.js";
import { altinnSchemeName, scopes, type Scope } from "./scopes.js";

// All text here is plain: the Slack layer escapes it, and the customer text is
// meant to be copied into an email, so it must read well without formatting.

function list<T>(items: readonly T[], render: (item: T) => string): string {
  return items.map(render).join("\n");
}

function joinAddresses(addresses: readonly string[], locale: Locale): string {
  if (addresses.length <= 1) return addresses[0] ?? "";
  const and = locale === "nb" ? " og " : " and ";
  return `${addresses.slice(0, -1).join(", ")}${and}${addresses.at(-1)}`;
}

const schemeList = list(scopes, (s) => `- ${s}: «${altinnSchemeName(s)}»`);
const schemeListEn = list(scopes, (s) => `- ${s}: "${altinnSchemeName(s)}"`);

export type DelegationGuidanceInput = {
  environment: Environment;
  vendorOrgnr: string;
  vendorName: string;
  customerName: string;
  customerOrgnr: string;
  /** Where Brreg sent the fictitious person's login (TT02 only). */
  loginSentTo: string[];
  locale: Locale;
};

function loginStep(i: DelegationGuidanceInput): string {
  const { altinnUrl } = environmentInfo[i.environment];
  const to = joinAddresses(i.loginSentTo, i.locale);
  if (i.environment === "tt02") {
    return i.locale === "nb"
      ? `1. Gå til ${altinnUrl} og logg inn som den fiktive personen Brreg har opprettet for dere. Innloggingsopplysningene står i e-posten fra Brreg${to ? ` til ${to}` : ""}.`
      : `1. Go to ${altinnUrl} and log in as the fictitious person Brreg created for you. The login details are in Brreg's email${to ? ` to ${to}` : ""}.`;
  }
  return i.locale === "nb"
    ? `1. Gå til ${altinnUrl} og logg inn som vanlig med egen innlogging (for eksempel BankID).`
    : `1. Go to ${altinnUrl} and log in as usual with your own login (for example BankID).`;
}

function forCustomerNb(i: DelegationGuidanceInput): string {
  const env = i.environment === "tt02" ? "Altinns testmiljø TT02" : "Altinn";
  return [
    "Hei,",
    `For at ${i.vendorName} skal kunne hente opplysninger fra Register over reelle rettighetshavere på vegne av ${i.customerName}, må dere delegere tilgangen dere har fått fra Brønnøysundregistrene til oss i ${env}.`,
    [
      loginStep(i),
      `2. Velg å representere ${i.customerName} (org.nr. ${formatOrgnr(i.customerOrgnr)}): den virksomheten som har fått tilgangen fra Brreg, ikke en underenhet eller et morselskap.`,
      "3. Gå til Profil → «Tilgang til programmeringsgrensesnitt - API» → «Gi og fjerne API-tilganger» → «Deleger nytt API».",
      "4. Velg ordningen som svarer til tilgangen (scopet) dere har fått fra Brreg (navnet i Altinn kan avvike litt):",
      schemeList,
      `5. Legg til vårt organisasjonsnummer nøyaktig slik: ${i.vendorOrgnr} (${i.vendorName}), og bekreft.`,
    ].join("\n"),
    "Delegeringen må vanligvis gjøres av noen som har rollen «Programmeringsgrensesnitt (API)» (daglig leder har den vanligvis) eller er hovedadministrator for virksomheten; i Altinn 3 svarer det til tilgangspakkene «Maskinporten-administrator» og «Delegerbare Maskinporten scopes». Rekkefølgen på stegene kan variere litt mellom versjoner av Altinn.",
    "Gi oss også beskjed om hvilket scope dere har fått fra Brreg (for eksempel brreg:reelle/rapporteringspliktig). Vi trenger det for å hente opplysninger på vegne av dere.",
    "Takk!",
  ].join("\n\n");
}

function forCustomerEn(i: DelegationGuidanceInput): string {
  const env = i.environment === "tt02" ? "Altinn's test environment TT02" : "Altinn";
  return [
    "Hi,",
    `For ${i.vendorName} to fetch data from the Register of Beneficial Owners on behalf of ${i.customerName}, you need to delegate the access you have from the Brønnøysund Register Centre to us in ${env}.`,
    [
      loginStep(i),
      `2. Choose to act on behalf of ${i.customerName} (org. no. ${formatOrgnr(i.customerOrgnr)}): the organisation Brreg gave the access to, not a sub-unit or a parent company.`,
      '3. Go to Profile → "Tilgang til programmeringsgrensesnitt - API" → "Gi og fjerne API-tilganger" → "Deleger nytt API".',
      "4. Pick the scheme that matches the access (scope) Brreg gave you (its name in Altinn may differ slightly):",
      schemeListEn,
      `5. Add our organisation number exactly as written: ${i.vendorOrgnr} (${i.vendorName}), and confirm.`,
    ].join("\n"),
    'The delegation usually has to be done by someone with the role "Programmeringsgrensesnitt (API)" (the general manager usually has it) or the main administrator ("Hovedadministrator") of your organisation; in Altinn 3 that is the access packages "Maskinporten-administrator" and "Delegerbare Maskinporten scopes". The order of the steps may vary a little between versions of Altinn.',
    "Please also tell us which scope Brreg gave you (for example brreg:reelle/rapporteringspliktig). We need it to fetch data on your behalf.",
    "Thank you!",
  ].join("\n\n");
}

function forVendor(i: DelegationGuidanceInput): string {
  const to = joinAddresses(i.loginSentTo, i.locale);
  if (i.locale === "nb") {
    const prep =
      i.environment === "tt02"
        ? `Brreg har klargjort TT02 for ${i.customerName} og opprettet en fiktiv person som kunden skal logge inn som.${to ? ` Innloggingen ble sendt til ${to}.` : ""}`
        : `${i.customerName} kan nå delegere tilgangen til dere i Altinn (produksjon) med sin vanlige innlogging.`;
    return [
      prep,
      `Be kunden delegere ordningen «Register over reelle rettighetshavere - … - På vegne av» til organisasjonsnummer ${i.vendorOrgnr} og fortelle hvilket scope (brreg:reelle/…) den har. Teksten under kan sendes rett videre til kunden.`,
      "Når kunden har svart, trykk «Rapporter scope» i saken.",
    ].join("\n\n");
  }
  const prep =
    i.environment === "tt02"
      ? `Brreg has prepared TT02 for ${i.customerName} and created a fictitious person for the customer to log in as.${to ? ` The login was sent to ${to}.` : ""}`
      : `${i.customerName} can now delegate the access to you in Altinn (production) with its usual login.`;
  return [
    prep,
    `Ask the customer to delegate the scheme "Register over reelle rettighetshavere - … - På vegne av" to organisation number ${i.vendorOrgnr} and to tell you which scope (brreg:reelle/…) it holds. The text below can be forwarded to the customer as it is.`,
    "Once the customer has answered, press “Report scope” in the case.",
  ].join("\n\n");
}

export function delegationGuidance(input: DelegationGuidanceInput): { forVendor: string; forCustomer: string } {
  return {
    forVendor: forVendor(input),
    forCustomer: input.locale === "nb" ? forCustomerNb(input) : forCustomerEn(input),
  };
}

export function customerAccessInstructions(input: {
  customerName: string;
  customerOrgnr: string;
  environment: Environment;
  locale: Locale;
  brregEmail?: string;
}): string {
  const { customerName, customerOrgnr, environment, locale } = input;
  const brregEmail = input.brregEmail ?? "opendata@brreg.no";
  if (locale === "nb") {
    const env = environment === "tt02" ? "Vi skal først teste i Altinns testmiljø TT02." : "Tilgangen skal brukes i produksjon.";
    return [
      "Hei,",
      `For at vi som systemleverandør skal kunne få delegert tilgang til Register over reelle rettighetshavere fra dere, må ${customerName} først ha egen tilgang hos Brønnøysundregistrene (Brreg). ${env}`,
      [
        `Slik bestiller dere tilgangen: send en e-post til ${brregEmail} med`,
        `- organisasjonsnummer: ${customerOrgnr}`,
        `- navn: ${customerName}`,
        "- kontaktperson for testmiljøet: navn, e-post og telefon",
        "- kontaktperson for produksjon: navn, e-post og telefon",
        "- hjemmelsgrunnlaget for tilgangen, altså hvorfor dere har rett til opplysningene (for eksempel rapporteringspliktig etter hvitvaskingsloven, offentlig myndighet, media, sivilsamfunnsorganisasjon eller høyere utdanningsinstitusjon).",
      ].join("\n"),
      "Vent deretter på bekreftelse fra Brreg, og gi oss beskjed når dere har fått den. Da bestiller vi delegeringen.",
      "Takk!",
    ].join("\n\n");
  }
  const env = environment === "tt02" ? "We will first test in Altinn's test environment TT02." : "The access is to be used in production.";
  return [
    "Hi,",
    `For us as your system vendor to get delegated access to the Register of Beneficial Owners from you, ${customerName} first needs its own access from the Brønnøysund Register Centre (Brreg). ${env}`,
    [
      `To order the access, send an email to ${brregEmail} with`,
      `- organisation number: ${customerOrgnr}`,
      `- name: ${customerName}`,
      "- contact for the test environment: name, email and phone",
      "- contact for production: name, email and phone",
      "- your legal basis for the access, that is why you are entitled to the data (for example a reporting entity under the Anti-Money Laundering Act, a public authority, media, a civil-society organisation or a higher-education institution).",
    ].join("\n"),
    "Then wait for Brreg's confirmation and let us know when you have it. We will then order the delegation.",
    "Thank you!",
  ].join("\n\n");
}

/** What the scope may do in the API (DOMAIN.md: only `offentlig` searches by national ID). */
function scopeReach(scope: Scope, locale: Locale): string {
  if (scope === "brreg:reelle/offentlig") {
    return locale === "nb"
      ? "bare dette scopet kan søke på fødselsnummer og laste ned hele datasettet"
      : "only this scope may search by national identity number and download the full dataset";
  }
  const noIds = ["brreg:reelle/media", "brreg:reelle/sivilsamfunnsorganisasjon", "brreg:reelle/hoeyereutdanningsinstitusjon"].includes(scope);
  return locale === "nb"
    ? `kan ikke søke på fødselsnummer eller laste ned hele datasettet (det kan bare brreg:reelle/offentlig)${noIds ? ", og svarene viser ikke fødselsnummer" : ""}`
    : `may not search by national identity number or download the full dataset (only brreg:reelle/offentlig may)${noIds ? ", and answers show no national identity numbers" : ""}`;
}

function environmentRule(environment: Environment, locale: Locale): string {
  if (environment === "tt02") {
    return locale === "nb"
      ? "delegeringen gjelder bare test (TT02 og Maskinporten TEST): bruk en testklient med testnøkkel; produksjon krever en ny delegering i altinn.no"
      : "the delegation holds in test only (TT02 and Maskinporten TEST): use a test client with a test key; production needs a new delegation in altinn.no";
  }
  return locale === "nb"
    ? "delegeringen gjelder bare produksjon; test (TT02) krever en egen delegering"
    : "the delegation holds in production only; test (TT02) needs a delegation of its own";
}

export function completionSummary(input: {
  scope: Scope;
  customerOrgnr: string;
  environment: Environment;
  locale: Locale;
}): string {
  const { scope, customerOrgnr, environment, locale } = input;
  const env = environmentInfo[environment];
  if (locale === "nb") {
    return [
      `Maskinporten-klienten deres ${environment === "tt02" ? "i testmiljøet" : "i produksjon"} trenger:`,
      [
        `- scope: ${scope}, lagt til på deres egen klient (ikke en klient registrert på vegne av kunden)`,
        `- consumer_org: ${customerOrgnr} (kundens organisasjonsnummer) i JWT-grantet`,
        `- token-endepunkt: ${env.maskinportenTokenEndpoint}`,
        `- aud i JWT-grantet: ${env.maskinportenAudience}`,
        `- API: ${env.rrhApiBaseUrl} med Authorization: Bearer <token>`,
        `- scopet ${scopeReach(scope, locale)}`,
        `- miljø: ${environmentRule(environment, locale)}`,
      ].join("\n"),
    ].join("\n");
  }
  return [
    `Your Maskinporten client ${environment === "tt02" ? "in the test environment" : "in production"} needs:`,
    [
      `- scope: ${scope}, added to your own client (not a client registered on behalf of the customer)`,
      `- consumer_org: ${customerOrgnr} (the customer's organisation number) in the JWT grant`,
      `- token endpoint: ${env.maskinportenTokenEndpoint}`,
      `- aud in the JWT grant: ${env.maskinportenAudience}`,
      `- API: ${env.rrhApiBaseUrl} with Authorization: Bearer <token>`,
      `- the scope ${scopeReach(scope, locale)}`,
      `- environment: ${environmentRule(environment, locale)}`,
    ].join("\n"),
  ].join("\n");
}
