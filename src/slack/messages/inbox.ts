import type { Catalog } from "./locale.js";

// Texts of the mailbox side: linking an unplaced email from Brreg to a case, mail that only looks
// like Brreg's, and a sender over the hour's limit.
const nb = {
  linkTitle: "Koble e-post til sak",
  linkSubmit: "Koble",
  linkClose: "Avbryt",
  linkIntro: (from: string, subject: string) => `E-post fra ${from}: «${subject}»`,
  linkPickLabel: "Sak som venter på Brreg",
  linkPickPlaceholder: "Velg en sak",
  linkReferenceLabel: "Eller saksnummer",
  linkReferenceHint: "For eksempel DLG-12. Er e-posten fra Brreg og saken venter på Brreg, regnes den som Brregs bekreftelse.",
  linkNeedOne: "Velg en sak eller skriv et saksnummer.",
  linkBadReference: "Skriv saksnummeret slik: DLG-12.",
  linkNoCase: (ref: string) => `Fant ingen sak ${ref}.`,
  linkNoMail: "Fant ikke lenger e-posten. Ingenting er endret.",
  linkAlready: (ref: string) => `E-posten er allerede koblet til ${ref}. Ingenting er endret.`,
  linkFailed: "Noe gikk galt, og e-posten ble ikke koblet. Prøv igjen om litt.",
  linkedNote: (ref: string, who: string) => `Koblet til ${ref} av ${who}.`,
  linkedConfirmed: (ref: string, who: string) => `Koblet til ${ref} av ${who} og registrert som Brregs bekreftelse.`,
  unproven: (from: string, subject: string) =>
    `:warning: Ser ut som Brregs bekreftelse, men er ikke bevist: «${subject}» fra ${from}. E-posttjeneren vår har ikke bekreftet at den kommer fra Brreg (ingen dmarc=pass for Brregs domene), så saken står der den sto. Trykk «Brreg har bekreftet» hvis den er det.`,
  unprovenUnmatched: (from: string, subject: string, when: string) =>
    `:warning: E-post som oppgir Brregs domene, men som ikke er bevist å komme fra Brreg (e-posttjeneren vår har ingen dmarc=pass for domenet), og som ikke passet til noen åpen sak: «${subject}» fra ${from}, mottatt ${when}. Er den ekte, koble den til saken.`,
  held: (from: string, perHour: string) =>
    `Flere e-poster fra ${from} denne timen vises ikke her: appen viser høyst ${perHour} i timen fra samme avsender. Denne og resten av timens ligger i e-postkassen.`,
};

const en: typeof nb = {
  linkTitle: "Link email to case",
  linkSubmit: "Link",
  linkClose: "Cancel",
  linkIntro: (from, subject) => `Email from ${from}: “${subject}”`,
  linkPickLabel: "Case waiting for Brreg",
  linkPickPlaceholder: "Choose a case",
  linkReferenceLabel: "Or case reference",
  linkReferenceHint: "For example DLG-12. If the email is from Brreg and the case waits for Brreg, it counts as Brreg's confirmation.",
  linkNeedOne: "Choose a case or type a case reference.",
  linkBadReference: "Type the reference like this: DLG-12.",
  linkNoCase: (ref) => `No case ${ref} was found.`,
  linkNoMail: "The email can no longer be found. Nothing was changed.",
  linkAlready: (ref) => `The email is already linked to ${ref}. Nothing was changed.`,
  linkFailed: "Something went wrong, and the email was not linked. Please try again shortly.",
  linkedNote: (ref, who) => `Linked to ${ref} by ${who}.`,
  linkedConfirmed: (ref, who) => `Linked to ${ref} by ${who} and recorded as Brreg's confirmation.`,
  unproven: (from, subject) =>
    `:warning: Looks like Brreg's confirmation, but is not proven: “${subject}” from ${from}. Our mail server has not confirmed that it comes from Brreg (no dmarc=pass for Brreg's domain), so the case stays where it was. Press “Brreg confirmed” if it is.`,
  unprovenUnmatched: (from, subject, when) =>
    `:warning: Email that gives Brreg's domain, but is not proven to come from Brreg (our mail server has no dmarc=pass for the domain), and that matched no open case: “${subject}” from ${from}, received ${when}. If it is genuine, link it to its case.`,
  held: (from, perHour) =>
    `More emails from ${from} this hour are not shown here: the app shows at most ${perHour} an hour from one sender. This one and the rest of the hour's are in the mailbox.`,
};

export const inboxText: Catalog<typeof nb> = { nb, en };
