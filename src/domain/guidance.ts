import { consumerOrgnrOf, type CaseRecord } from "./caseRecord.js";
import { environmentInfo, type Environment } from "./environments.js";
import type { Locale } from "./locale.js";
import { formatOrgnr } from "./orgnr.js";
import { altinnSchemeName, scopeInfo, scopes, type Scope } from "./scopes.js";

// All text here is plain: the Slack layer escapes it, and the customer text is
// meant to be copied into an email, so it must read well without formatting.
// Altinn's own labels stay in Norwegian (quoted with «») in the English text too,
// because that is what the customer sees on screen.

function joinAddresses(addresses: readonly string[], locale: Locale): string {
  if (addresses.length <= 1) return addresses[0] ?? "";
  const and = locale === "nb" ? " og " : " and ";
  return `${addresses.slice(0, -1).join(", ")}${and}${addresses.at(-1)}`;
}

export type DelegationGuidanceInput = {
  environment: Environment;
  vendorOrgnr: string;
  vendorName: string;
  customerName: string;
  customerOrgnr: string;
  /** The customer's test contact: the only customer address Brreg may have mailed the login to. */
  customerContactEmail: string;
  /** Where Brreg sent the fictitious person's login (TT02 only). */
  loginSentTo: string[];
  /** Maskinporten is set up for the environment, so the app notices the delegation by itself. */
  autoDetect: boolean;
  /** The delegation worked once and stopped (delegation_lost): the text asks to delegate again. */
  again?: boolean | undefined;
  locale: Locale;
};

/**
 * Whether Brreg's mail with the TT02 login reached the customer's own contact. Only then may a
 * text for the customer say it already has the login: otherwise the vendor holds it (DOMAIN.md).
 */
export function customerHasLogin(i: Pick<DelegationGuidanceInput, "customerContactEmail" | "loginSentTo">): boolean {
  const contact = i.customerContactEmail.trim().toLowerCase();
  return contact !== "" && i.loginSentTo.some((a) => a.trim().toLowerCase() === contact);
}

/** The API to pick in «Søk etter API» for a scope; the old scheme name is only a hint, as the search may word it differently. */
export function apiOfScope(s: Scope, locale: Locale): string {
  return locale === "nb"
    ? `Brregs API for Register over reelle rettighetshavere for «${scopeInfo[s].altinnCategory}» (het tidligere «${altinnSchemeName(s)}»)`
    : `the Brreg API for Register over reelle rettighetshavere matching «${scopeInfo[s].altinnCategory}» (formerly called «${altinnSchemeName(s)}»)`;
}

/** Each scope with its API. */
function apiList(locale: Locale): string {
  return scopes.map((s) => `   - ${s}: ${apiOfScope(s, locale)}`).join("\n");
}

function loginStep(i: DelegationGuidanceInput): string {
  const { altinnUrl } = environmentInfo[i.environment];
  if (i.environment === "production") {
    return i.locale === "nb"
      ? `1. Logg inn på ${altinnUrl} som vanlig, med BankID eller en annen innlogging gjennom ID-porten.`
      : `1. Log in at ${altinnUrl} as usual, with BankID or another login through ID-porten.`;
  }
  const contact = i.customerContactEmail.trim();
  if (i.locale === "nb") {
    const where = customerHasLogin(i)
      ? `Brreg har sendt innloggingsopplysningene på e-post til ${contact}.`
      : "Innloggingsopplysningene får dere fra oss.";
    return `1. Logg inn på ${altinnUrl} med ID-portens testinnlogging (TestID) som den fiktive personen Brreg har opprettet for dere, med det syntetiske fødselsnummeret Brreg har laget. ${where}`;
  }
  const where = customerHasLogin(i)
    ? `Brreg has e-mailed the login details to ${contact}.`
    : "You get the login details from us.";
  return `1. Log in at ${altinnUrl} with ID-porten's test login (TestID) as the fictitious person Brreg created for you, with the synthetic national identity number Brreg made. ${where}`;
}

function forCustomerNb(i: DelegationGuidanceInput): string {
  const env = environmentInfo[i.environment];
  const where = i.environment === "tt02" ? "Altinns testmiljø TT02" : "Altinn";
  return [
    "Hei,",
    i.again
      ? `Fullmakten ${i.customerName} har gitt ${i.vendorName} i ${where} virker ikke lenger: Maskinporten gir oss ikke lenger tilgang til Register over reelle rettighetshavere på vegne av dere. Fullmakten kan være fjernet i Altinn, eller tilgangen dere har fra Brønnøysundregistrene kan være avsluttet (da må den bestilles på nytt hos Brreg først). Vi ber dere gi oss fullmakten på nytt, på samme måte som sist, under «Maskinportenadministrasjon».`
      : `For at ${i.vendorName} skal kunne hente opplysninger fra Register over reelle rettighetshavere på vegne av ${i.customerName}, må dere gi oss fullmakt til API-et dere har fått tilgang til hos Brønnøysundregistrene. Det gjøres i ${where}, under «Maskinportenadministrasjon».`,
    [
      loginStep(i),
      `2. Velg å representere ${i.customerName} (org.nr. ${formatOrgnr(i.customerOrgnr)}): nøyaktig den virksomheten som har fått tilgangen fra Brreg, ikke en underenhet eller et morselskap. Organisasjonsnummeret må stemme nøyaktig.`,
      `3. Gå til «Tilgangsstyring» → «Maskinportenadministrasjon». Direkte lenke: ${env.altinnMaskinportenUrl}`,
      `4. Velg fanen «Leverandører» → «Legg til leverandør». Skriv vårt organisasjonsnummer nøyaktig slik i «Organisasjonsnummer»: ${i.vendorOrgnr} (${i.vendorName}), og trykk «Legg til virksomhet».`,
      `5. Åpne ${i.vendorName} i listen → «Gi fullmakt» → «Søk etter API», og velg API-et som svarer til tilgangen (scopet) dere har fått fra Brreg. Navnet i søket kan avvike fra de gamle navnene:`,
      apiList("nb"),
      "6. Bekreft.",
    ].join("\n"),
    `Dette må gjøres av noen som har tilgangspakken «Maskinporten administrator» og minst én tilgangspakke i området «Integrasjoner» (for eksempel «Delegerbare Maskinporten scopes») for ${i.customerName}. Altinn krever at dere selv har tilgangen fra Brreg før dere kan gi den videre.`,
    i.autoDetect
      ? "Gi oss gjerne beskjed når dere har delegert."
      : "Gi oss også beskjed om hvilket scope dere har fått fra Brreg (for eksempel brreg:reelle/rapporteringspliktig). Vi trenger det for å hente opplysninger på vegne av dere.",
    "Takk!",
  ].join("\n\n");
}

function forCustomerEn(i: DelegationGuidanceInput): string {
  const env = environmentInfo[i.environment];
  const where = i.environment === "tt02" ? "Altinn's test environment TT02" : "Altinn";
  return [
    "Hi,",
    i.again
      ? `The access ${i.customerName} granted ${i.vendorName} in ${where} no longer works: Maskinporten no longer gives us access to the Register of Beneficial Owners on your behalf. The grant may have been removed in Altinn, or the access you have from the Brønnøysund Register Centre may have ended (then it must be ordered from Brreg again first). Please grant us the access again, the same way as last time, under «Maskinportenadministrasjon».`
      : `For ${i.vendorName} to fetch data from the Register of Beneficial Owners on behalf of ${i.customerName}, you need to grant us access to the API you have been given access to by the Brønnøysund Register Centre. This is done in ${where}, under «Maskinportenadministrasjon».`,
    [
      loginStep(i),
      `2. Choose to act on behalf of ${i.customerName} (org. no. ${formatOrgnr(i.customerOrgnr)}): exactly the organisation Brreg gave the access to, not a sub-unit or a parent company. The organisation number must match exactly.`,
      `3. Go to «Tilgangsstyring» → «Maskinportenadministrasjon». Direct link: ${env.altinnMaskinportenUrl}`,
      `4. Choose the tab «Leverandører» → «Legg til leverandør». Enter our organisation number exactly as written in «Organisasjonsnummer»: ${i.vendorOrgnr} (${i.vendorName}), and press «Legg til virksomhet».`,
      `5. Open ${i.vendorName} in the list → «Gi fullmakt» → «Søk etter API», and pick the API that matches the access (scope) Brreg gave you. Its name in the search may differ from the old names:`,
      apiList("en"),
      "6. Confirm.",
    ].join("\n"),
    `This must be done by someone who has the access package «Maskinporten administrator» and at least one access package in the area «Integrasjoner» (for example «Delegerbare Maskinporten scopes») for ${i.customerName}. Altinn requires that you hold the access from Brreg yourselves before you can pass it on.`,
    i.autoDetect
      ? "Please let us know when you have delegated."
      : "Please also tell us which scope Brreg gave you (for example brreg:reelle/rapporteringspliktig). We need it to fetch data on your behalf.",
    "Thank you!",
  ].join("\n\n");
}

/** TT02 only: where the fictitious person's login is, and who passes it to the customer. */
function loginNote(i: DelegationGuidanceInput): string {
  const to = joinAddresses(i.loginSentTo, i.locale);
  if (i.locale === "nb") {
    const mail = to ? `Innloggingen for den fiktive personen står i e-posten fra Brreg til ${to}.` : "Brreg sender innloggingen for den fiktive personen på e-post, vanligvis til dere.";
    return customerHasLogin(i)
      ? `${mail} Kundens kontaktperson fikk den selv, så teksten til kunden sier det.`
      : `${mail} Gi den videre til kunden utenom Slack, for eksempel på telefon eller i kryptert e-post: den inneholder et fødselsnummer. Teksten til kunden sier at innloggingsopplysningene kommer fra dere.`;
  }
  const mail = to ? `The fictitious person's login is in Brreg's email to ${to}.` : "Brreg e-mails the fictitious person's login, usually to you.";
  return customerHasLogin(i)
    ? `${mail} The customer's contact got it directly, so the text for the customer says so.`
    : `${mail} Pass it on to the customer outside Slack, for example by phone or encrypted e-mail: it contains a national identity number (fødselsnummer). The text for the customer says the login details come from you.`;
}

function forVendorNb(i: DelegationGuidanceInput): string {
  const env = environmentInfo[i.environment];
  const prep =
    i.environment === "tt02"
      ? `Brreg har klargjort TT02 for ${i.customerName} og opprettet en fiktiv person som kunden skal logge inn som. ${loginNote(i)}`
      : `${i.customerName} kan nå gi dere fullmakt i Altinn (produksjon) med sin vanlige innlogging.`;
  const ask = i.autoDetect
    ? `Be kunden gi organisasjonsnummer ${i.vendorOrgnr} fullmakt til Brregs API for Register over reelle rettighetshavere under «Maskinportenadministrasjon» i Altinn. Teksten under kan sendes rett videre til kunden.`
    : `Be kunden gi organisasjonsnummer ${i.vendorOrgnr} fullmakt til Brregs API for Register over reelle rettighetshavere under «Maskinportenadministrasjon» i Altinn, og fortelle hvilket scope (brreg:reelle/…) den har. Teksten under kan sendes rett videre til kunden.`;
  const next = i.autoDetect
    ? "Appen sjekker selv i Maskinporten om delegeringen virker, og flytter saken når den gjør det. Sier kunden fra om scopet før det, kan dere trykke «Rapporter scope» i saken."
    : "Når kunden har svart, trykk «Rapporter scope» i saken.";
  const see = `Dere kan selv se fullmakten i Altinn: representer ${i.vendorName}, gå til ${env.altinnMaskinportenUrl} og velg fanen «Konsumenter».`;
  return [prep, ask, next, see].join("\n\n");
}

function forVendorEn(i: DelegationGuidanceInput): string {
  const env = environmentInfo[i.environment];
  const prep =
    i.environment === "tt02"
      ? `Brreg has prepared TT02 for ${i.customerName} and created a fictitious person for the customer to log in as. ${loginNote(i)}`
      : `${i.customerName} can now grant you access in Altinn (production) with its usual login.`;
  const ask = i.autoDetect
    ? `Ask the customer to grant organisation number ${i.vendorOrgnr} access to the Brreg API for Register over reelle rettighetshavere under «Maskinportenadministrasjon» in Altinn. The text below can be forwarded to the customer as it is.`
    : `Ask the customer to grant organisation number ${i.vendorOrgnr} access to the Brreg API for Register over reelle rettighetshavere under «Maskinportenadministrasjon» in Altinn, and to tell you which scope (brreg:reelle/…) it holds. The text below can be forwarded to the customer as it is.`;
  const next = i.autoDetect
    ? "The app checks Maskinporten by itself and moves the case as soon as the delegation works. If the customer tells you the scope before that, you can press “Report scope” in the case."
    : "Once the customer has answered, press “Report scope” in the case.";
  const see = `You can see the grant yourselves in Altinn: act for ${i.vendorName}, go to ${env.altinnMaskinportenUrl} and choose the tab «Konsumenter».`;
  return [prep, ask, next, see].join("\n\n");
}

export function delegationGuidance(input: DelegationGuidanceInput): { forVendor: string; forCustomer: string } {
  return input.locale === "nb"
    ? { forVendor: forVendorNb(input), forCustomer: forCustomerNb(input) }
    : { forVendor: forVendorEn(input), forCustomer: forCustomerEn(input) };
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
  /** the grant comes from a fictitious company (the fictitious route), not a customer */
  fictitious?: boolean;
}): string {
  const { scope, customerOrgnr, environment, locale } = input;
  const whose = input.fictitious
    ? { nb: "den fiktive virksomhetens organisasjonsnummer", en: "the fictitious company's organisation number" }
    : { nb: "kundens organisasjonsnummer", en: "the customer's organisation number" };
  const env = environmentInfo[environment];
  if (locale === "nb") {
    return [
      `Maskinporten-klienten deres ${environment === "tt02" ? "i testmiljøet" : "i produksjon"} trenger:`,
      [
        `- scope: ${scope}, lagt til på deres egen klient (ikke en klient registrert på vegne av kunden)`,
        `- consumer_org: ${customerOrgnr} (${whose.nb}) i JWT-grantet`,
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
      `- consumer_org: ${customerOrgnr} (${whose.en}) in the JWT grant`,
      `- token endpoint: ${env.maskinportenTokenEndpoint}`,
      `- aud in the JWT grant: ${env.maskinportenAudience}`,
      `- API: ${env.rrhApiBaseUrl} with Authorization: Bearer <token>`,
      `- the scope ${scopeReach(scope, locale)}`,
      `- environment: ${environmentRule(environment, locale)}`,
    ].join("\n"),
  ].join("\n");
}

/** The summary for a stored case: consumer_org is its customer, or on the fictitious route its fictitious company. */
export function caseCompletionSummary(c: Pick<CaseRecord, "route" | "customerOrgnr" | "fictitiousOrgnr" | "environment">, scope: Scope, locale: Locale): string {
  return completionSummary({ scope, customerOrgnr: consumerOrgnrOf(c) ?? "", environment: c.environment, locale, fictitious: c.route === "fictitious" });
}
