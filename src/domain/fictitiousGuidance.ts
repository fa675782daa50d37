import { environmentInfo } from "./environments.js";
import { apiOfScope } from "./guidance.js";
import type { Locale } from "./locale.js";
import { formatOrgnr } from "./orgnr.js";
import type { Scope } from "./scopes.js";

// The fictitious route's step the vendor takes itself (DOMAIN.md): in Altinn TT02, as the
// fictitious person Brreg created, acting for the fictitious company, it grants its own org
// number access. Plain text, escaped by the Slack layer. Altinn's labels stay in Norwegian («»)
// in the English text too: that is what the screen shows.

export interface FictitiousGuidanceInput {
  vendorOrgnr: string;
  vendorName: string;
  fictitiousOrgnr: string;
  scope: Scope;
  /** where Brreg's mail with the fictitious person's login went */
  loginSentTo: string[];
  /** Maskinporten TEST is set up, so the app notices the delegation by itself */
  autoDetect: boolean;
  locale: Locale;
}

const tt02 = environmentInfo.tt02;

function nb(i: FictitiousGuidanceInput): string {
  const company = formatOrgnr(i.fictitiousOrgnr);
  const mail = i.loginSentTo.length > 0 ? `i e-posten fra Brreg til ${i.loginSentTo.join(", ")}` : "i e-posten fra Brreg til dere";
  return [
    `Brreg har opprettet den fiktive virksomheten ${company} i TT02. Nå delegerer dere selv, fra den fiktive virksomheten til deres eget organisasjonsnummer. Det er ingen kunde å sende noe til.`,
    [
      `1. Logg inn på ${tt02.altinnUrl} med ID-portens testinnlogging (TestID) som den fiktive personen Brreg har opprettet. Det syntetiske fødselsnummeret står ${mail}: lim det aldri inn i Slack.`,
      `2. Velg å representere den fiktive virksomheten (org.nr. ${company}).`,
      `3. Gå til «Tilgangsstyring» → «Maskinportenadministrasjon». Direkte lenke: ${tt02.altinnMaskinportenUrl}`,
      `4. Velg fanen «Leverandører» → «Legg til leverandør». Skriv deres eget organisasjonsnummer nøyaktig slik i «Organisasjonsnummer»: ${i.vendorOrgnr} (${i.vendorName}), og trykk «Legg til virksomhet».`,
      `5. Åpne ${i.vendorName} i listen → «Gi fullmakt» → «Søk etter API», og velg ${apiOfScope(i.scope, "nb")}, altså scopet ${i.scope}.`,
      "6. Bekreft.",
    ].join("\n"),
    i.autoDetect
      ? `Appen spør selv Maskinporten TEST om et delegert token med consumer_org ${i.fictitiousOrgnr} (den fiktive virksomheten), og flytter saken når delegeringen virker.`
      : "Når dere har delegert, trykk «Rapporter scope» i saken.",
    `Dere ser fullmakten selv under fanen «Konsumenter» på ${tt02.altinnMaskinportenUrl} når dere representerer ${i.vendorName}.`,
  ].join("\n\n");
}

function en(i: FictitiousGuidanceInput): string {
  const company = formatOrgnr(i.fictitiousOrgnr);
  const mail = i.loginSentTo.length > 0 ? `in Brreg's e-mail to ${i.loginSentTo.join(", ")}` : "in Brreg's e-mail to you";
  return [
    `Brreg has created the fictitious company ${company} in TT02. Now you delegate yourselves, from the fictitious company to your own organisation number. There is no customer to send anything to.`,
    [
      `1. Log in at ${tt02.altinnUrl} with ID-porten's test login (TestID) as the fictitious person Brreg created. The synthetic national identity number is ${mail}: never paste it into Slack.`,
      `2. Choose to act on behalf of the fictitious company (org. no. ${company}).`,
      `3. Go to «Tilgangsstyring» → «Maskinportenadministrasjon». Direct link: ${tt02.altinnMaskinportenUrl}`,
      `4. Choose the tab «Leverandører» → «Legg til leverandør». Enter your own organisation number exactly as written in «Organisasjonsnummer»: ${i.vendorOrgnr} (${i.vendorName}), and press «Legg til virksomhet».`,
      `5. Open ${i.vendorName} in the list → «Gi fullmakt» → «Søk etter API», and pick ${apiOfScope(i.scope, "en")}, that is the scope ${i.scope}.`,
      "6. Confirm.",
    ].join("\n"),
    i.autoDetect
      ? `The app asks Maskinporten TEST by itself for a delegated token with consumer_org ${i.fictitiousOrgnr} (the fictitious company), and moves the case as soon as the delegation works.`
      : "Once you have delegated, press “Report scope” in the case.",
    `You can see the grant yourselves under the tab «Konsumenter» at ${tt02.altinnMaskinportenUrl} when acting for ${i.vendorName}.`,
  ].join("\n\n");
}

/** What the vendor does itself once the fictitious company is confirmed. */
export function fictitiousGuidance(input: FictitiousGuidanceInput): string {
  return input.locale === "nb" ? nb(input) : en(input);
}
