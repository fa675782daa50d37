import type { Catalog } from "./locale.js";

// The fictitious-customer route (TT02 only): how a case without a customer is named, Brreg's
// fictitious company as the app proposes it, its confirmation, and what the vendor does itself.
// Arguments are already escaped for mrkdwn.
const nb = {
  route: "Vei",
  routeName: "Fiktiv kunde (TT02)",
  /** how lists and titles name the case's "customer" */
  label: "fiktiv kunde",
  labelWith: (orgnr: string) => `fiktiv kunde (${orgnr})`,
  company: "Fiktiv virksomhet",
  notConfirmed: "ikke bekreftet ennå",

  proposed: (owner: string, orgnr: string) =>
    `${owner}: Brreg har svart på bestillingen av en fiktiv virksomhet. I svaret fant appen organisasjonsnummer *${orgnr}*. Sjekk det mot e-posten fra Brreg og trykk «Bekreft fiktiv virksomhet»: appen gjør ingenting med det før noen har bekreftet.`,
  proposedScope: (scope: string) => `Scopet i svaret: ${scope}.`,
  proposedNoScope: "Appen fant ikke noe scope i svaret: velg det i skjemaet.",
  proposedNothing: (owner: string) =>
    `${owner}: Brreg har svart på bestillingen av en fiktiv virksomhet, men appen fant ikke noe organisasjonsnummer som passer i svaret. Trykk «Bekreft fiktiv virksomhet» og skriv inn organisasjonsnummeret og scopet fra e-posten fra Brreg.`,
  confirmedThread: (who: string, orgnr: string, scope: string, owner: string) =>
    `${who} bekreftet den fiktive virksomheten ${orgnr} med scopet ${scope}. ${owner}: se direktemeldingen for hvordan dere delegerer selv i Altinn TT02.`,
  dmIntro: (ref: string, orgnr: string) => `Den fiktive virksomheten ${orgnr} i ${ref} er bekreftet. Dette gjør dere selv nå:`,

  // modal: title, submit and close are at most 24 characters (Slack's limit)
  modalTitle: "Fiktiv virksomhet",
  modalSubmit: "Bekreft",
  modalClose: "Avbryt",
  modalIntro: (ref: string) =>
    `Organisasjonsnummeret og scopet til den fiktive virksomheten Brreg har opprettet for ${ref}, slik de står i e-posten fra Brreg. Det appen fant i svaret, er fylt inn; rett det som er feil.`,
  modalNever: "Skriv aldri fødselsnummeret til den fiktive personen inn i Slack: det står i e-posten fra Brreg og skal bli der.",
  orgnrLabel: "Den fiktive virksomhetens organisasjonsnummer",
  orgnrHint: "9 siffer. Syntetiske virksomheter i TT02 begynner vanligvis med 2 eller 3. Ikke deres eget nummer.",
  scopeLabel: "Scopet Brreg har gitt den fiktive virksomheten",
  notFictitious: (ref: string) => `${ref} er ikke en sak med fiktiv kunde. Ingenting er endret.`,
  reminderReplied:
    "Påminnelse: Brreg har svart med den fiktive virksomheten, men ingen har bekreftet den ennå. Sjekk organisasjonsnummeret og scopet mot e-posten fra Brreg, og trykk «Bekreft fiktiv virksomhet» i tråden eller «Brreg har bekreftet».",
};

const en: typeof nb = {
  route: "Route",
  routeName: "Fictitious customer (TT02)",
  label: "fictitious customer",
  labelWith: (orgnr) => `fictitious customer (${orgnr})`,
  company: "Fictitious company",
  notConfirmed: "not confirmed yet",

  proposed: (owner, orgnr) =>
    `${owner}: Brreg has replied to the order of a fictitious company. In the reply the app found the organisation number *${orgnr}*. Check it against Brreg's e-mail and press “Confirm fictitious company”: the app does nothing with it until someone has confirmed.`,
  proposedScope: (scope) => `The scope in the reply: ${scope}.`,
  proposedNoScope: "The app found no scope in the reply: choose it in the form.",
  proposedNothing: (owner) =>
    `${owner}: Brreg has replied to the order of a fictitious company, but the app found no organisation number that fits in the reply. Press “Confirm fictitious company” and enter the organisation number and scope from Brreg's e-mail.`,
  confirmedThread: (who, orgnr, scope, owner) =>
    `${who} confirmed the fictitious company ${orgnr} with the scope ${scope}. ${owner}: see the direct message for how you delegate yourselves in Altinn TT02.`,
  dmIntro: (ref, orgnr) => `The fictitious company ${orgnr} of ${ref} is confirmed. This is what you do yourselves now:`,

  modalTitle: "Fictitious company",
  modalSubmit: "Confirm",
  modalClose: "Cancel",
  modalIntro: (ref) =>
    `The organisation number and scope of the fictitious company Brreg created for ${ref}, as Brreg's e-mail gives them. What the app found in the reply is filled in; correct whatever is wrong.`,
  modalNever: "Never put the fictitious person's national identity number into Slack: it is in Brreg's e-mail and stays there.",
  orgnrLabel: "The fictitious company's organisation number",
  orgnrHint: "9 digits. Synthetic companies in TT02 usually begin with 2 or 3. Not your own number.",
  scopeLabel: "The scope Brreg gave the fictitious company",
  notFictitious: (ref) => `${ref} is not a fictitious-customer case. Nothing was changed.`,
  reminderReplied:
    "Reminder: Brreg has replied with the fictitious company, but nobody has confirmed it yet. Check the organisation number and scope against Brreg's e-mail, and press “Confirm fictitious company” in the thread or “Brreg confirmed”.",
};

export const fictitiousText: Catalog<typeof nb> = { nb, en };
