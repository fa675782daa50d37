import type { CustomerMailKind } from "../../domain/customerEmail.js";
import type { SentMailKind } from "../../domain/customerMailKinds.js";
import type { Catalog } from "./locale.js";

// Text of «Send til kunden»: the button, the modal, the answers after it, and what the thread
// hears when the e-mail goes out, comes back or is answered.
const nb = {
  button: "Send til kunden",
  // modal: titles, submit and close are at most 24 characters (Slack's limit)
  title: "Send til kunden",
  submit: "Send",
  submitPreview: "Lag e-post",
  close: "Avbryt",
  closeNotice: "Lukk",
  what: { customer_access: "forklaringen om å bestille tilgang hos Brreg", delegation_guidance: "forklaringen om delegering" } satisfies Record<CustomerMailKind, string>,
  intro: (what: string, ref: string) => `E-post til kunden med ${what} (${ref}), sendt gjennom appens utboks.`,
  previewMode: "SMTP er ikke satt opp (SMTP_URL), så ingenting blir sendt: appen lager e-posten som en fil du kan sende selv.",
  toLabel: "Til (kundens kontaktperson)",
  ccLine: (cc: string) => `Kopi: ${cc}`,
  otherDomainLabel: "Annet domene",
  otherDomainOption: "Send til en adresse utenfor kundens domene",
  otherDomainHint: (domain: string) => `Uten avkrysning går e-posten bare til adresser på @${domain}, kundens domene.`,
  otherDomainError: (domain: string) => `Adressen er ikke på kundens domene (@${domain}). Kryss av for «Annet domene» hvis e-posten skal dit.`,
  noteLabel: "Personlig hilsen (valgfri)",
  noteHint: "Kommer først i e-posten. Ikke skriv fødselsnummer.",
  subjectLine: (subject: string) => `*Emne:* ${subject}`,
  bodyIntro: "Slik blir e-posten (en personlig hilsen kommer øverst):",
  nothingToSend: (ref: string, stage: string) =>
    `${ref} står på «${stage}», og det er ingen tekst å sende kunden nå. Ingenting er sendt.`,
  queued: (ref: string, to: string) => `E-posten til ${to} er lagt i køen for ${ref}. Tråden får beskjed når den er sendt.`,
  queuedPreview: (ref: string, to: string) => `E-posten til ${to} for ${ref} lages som fil (forhåndsvisning). Tråden sier hvor den ligger.`,
  duplicate: (ref: string) => `Denne e-posten for ${ref} er allerede lagt i køen. Ingen ny e-post er laget.`,
  recent: (ref: string, when: string) => `Den samme teksten ble lagt i køen for ${ref} ${when}. Det går høyst én i timen, så ingen ny e-post er laget.`,
  limited: (limit: number, when: string) =>
    `Du har lagt ${limit} e-poster til kunder i køen den siste timen, og det er det meste én person kan sende (CUSTOMER_MAIL_PER_HOUR). Du kan sende igjen ${when}. Ingen e-post er laget.`,
  notFound: (ref: string) => `Fant ingen sak ${ref}. Den kan være slettet.`,
  failed: "Noe gikk galt, og ingen e-post er laget. Prøv igjen om litt.",
  sent: (who: string, what: string, to: string, cc: string, when: string) =>
    `${who} sendte ${what} til ${to}${cc ? ` (kopi: ${cc})` : ""} ${when}.`,
  preview: (who: string, what: string, to: string, cc: string, path: string) =>
    `${who} laget en e-post med ${what} til ${to}${cc ? ` (kopi: ${cc})` : ""}. Ingenting ble sendt: SMTP er ikke satt opp (SMTP_URL), så e-posten ligger i \`${path}\`. Send den selv.`,
  someone: "Noen",
  retrying: (what: string, error: string, when: string) =>
    `E-posten til kunden med ${what} er i køen, men e-postserveren svarte: ${error}. Appen prøver igjen automatisk (neste forsøk ${when}).`,
  failedToSend: (what: string, error: string) => `E-posten til kunden med ${what} kunne ikke sendes. Serverens svar: ${error}`,
  replied: (subject: string, from: string) => `Kunden svarte: «${subject}» fra ${from}. Les svaret i e-postkassen; saken står der den sto.`,
  bounced: {
    followup: (subject: string) => `Purringen til Brreg kom i retur (${subject}). Sjekk adressen.`,
    customer_access: (subject: string) => `E-posten til kunden om å bestille tilgang kom i retur (${subject}). Sjekk adressen og send på nytt med «Send til kunden».`,
    delegation_guidance: (subject: string) => `E-posten til kunden om delegering kom i retur (${subject}). Sjekk adressen og send på nytt med «Send til kunden».`,
  } satisfies Record<Exclude<SentMailKind, "order">, (subject: string) => string>,
};

const en: typeof nb = {
  button: "Send to customer",
  title: "Send to customer",
  submit: "Send",
  submitPreview: "Write e-mail",
  close: "Cancel",
  closeNotice: "Close",
  what: { customer_access: "the explanation of ordering access from Brreg", delegation_guidance: "the explanation of the delegation" },
  intro: (what, ref) => `An e-mail to the customer with ${what} (${ref}), sent through the app's outbox.`,
  previewMode: "SMTP is not set up (SMTP_URL), so nothing is sent: the app writes the e-mail as a file you can send yourself.",
  toLabel: "To (the customer's contact)",
  ccLine: (cc) => `Cc: ${cc}`,
  otherDomainLabel: "Another domain",
  otherDomainOption: "Send to an address outside the customer's domain",
  otherDomainHint: (domain) => `Unticked, the e-mail only goes to addresses at @${domain}, the customer's domain.`,
  otherDomainError: (domain) => `The address is not on the customer's domain (@${domain}). Tick “Another domain” if the e-mail should go there.`,
  noteLabel: "Personal note (optional)",
  noteHint: "Comes first in the e-mail. Do not write national identity numbers.",
  subjectLine: (subject) => `*Subject:* ${subject}`,
  bodyIntro: "The e-mail as it will read (a personal note comes first):",
  nothingToSend: (ref, stage) => `${ref} is at “${stage}”, and there is no text to send the customer now. Nothing was sent.`,
  queued: (ref, to) => `The e-mail to ${to} is queued for ${ref}. The thread will hear when it is sent.`,
  queuedPreview: (ref, to) => `The e-mail to ${to} for ${ref} is being written as a file (preview). The thread will say where it is.`,
  duplicate: (ref) => `This e-mail for ${ref} is already queued. No new e-mail was made.`,
  recent: (ref, when) => `The same text was queued for ${ref} ${when}. At most one goes out an hour, so no new e-mail was made.`,
  limited: (limit, when) =>
    `You have queued ${limit} e-mails to customers in the last hour, the most one person may send (CUSTOMER_MAIL_PER_HOUR). You can send again ${when}. No e-mail was made.`,
  notFound: (ref) => `No case ${ref} was found. It may have been deleted.`,
  failed: "Something went wrong and no e-mail was made. Please try again shortly.",
  sent: (who, what, to, cc, when) => `${who} sent ${what} to ${to}${cc ? ` (cc: ${cc})` : ""} ${when}.`,
  preview: (who, what, to, cc, path) =>
    `${who} wrote an e-mail with ${what} to ${to}${cc ? ` (cc: ${cc})` : ""}. Nothing was sent: SMTP is not set up (SMTP_URL), so the e-mail is in \`${path}\`. Send it yourself.`,
  someone: "Someone",
  retrying: (what, error, when) => `The e-mail to the customer with ${what} is queued, but the mail server answered: ${error}. The app tries again by itself (next attempt ${when}).`,
  failedToSend: (what, error) => `The e-mail to the customer with ${what} could not be sent. The server answered: ${error}`,
  replied: (subject, from) => `The customer replied: “${subject}” from ${from}. Read the reply in the mailbox; the case stays where it was.`,
  bounced: {
    followup: (subject) => `The follow-up to Brreg bounced (${subject}). Check the address.`,
    customer_access: (subject) => `The e-mail to the customer about ordering access bounced (${subject}). Check the address and send again with “Send to customer”.`,
    delegation_guidance: (subject) => `The e-mail to the customer about the delegation bounced (${subject}). Check the address and send again with “Send to customer”.`,
  },
};

export const customerMailText: Catalog<typeof nb> = { nb, en };
