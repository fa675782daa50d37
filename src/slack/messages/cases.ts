import type { Catalog } from "./locale.js";

const nb = {
  rootFallback: (ref: string, customer: string, stage: string) => `${ref} · ${customer} · ${stage}`,
  environment: "Miljø",
  stage: "Steg",
  since: (when: string) => `siden ${when}`,
  next: "Neste",
  owner: "Eier",
  vendor: "Leverandør",
  customer: "Kunde",
  customerContact: "Kundens testansvarlig",
  scope: "Scope",
  reason: "Begrunnelse",
  createdBy: (who: string, when: string) => `Opprettet av ${who} ${when}`,
  created: (ref: string, who: string) => `${who} opprettet ${ref}. Alt som skjer i saken kommer i denne tråden.`,
  customerAccessIntro:
    "Kunden har ikke fått bekreftelse på egen tilgang fra Brreg ennå, så ingenting er sendt til Brreg. Videresend teksten under til kunden, og trykk «Kunden har fått tilgang» når Brreg har bekreftet:",
  moved: (who: string, from: string, to: string) => `${who} flyttet saken fra «${from}» til «${to}».`,
  cancelled: (who: string, reason: string) => `${who} avbrøt saken. Begrunnelse: ${reason}`,
  orderSent: (to: string, cc: string, when: string) => `E-posten med bestillingen ble sendt ${when} til ${to}${cc ? ` (kopi: ${cc})` : ""}. Nå venter vi på svar fra Brreg.`,
  orderPreview: (path: string) =>
    `Ingenting ble sendt: SMTP er ikke satt opp (SMTP_URL), så appen kjører i forhåndsvisning. E-posten ligger i \`${path}\`. Send den selv, og trykk «Brreg har bekreftet» når Brreg svarer.`,
  orderRetrying: (error: string, when: string) => `E-posten til Brreg er i køen, men e-postserveren svarte: ${error}. Appen prøver igjen automatisk (neste forsøk ${when}).`,
  orderFailed: (error: string) => `E-posten til Brreg kunne ikke sendes. Serverens svar: ${error}`,
  retry: "Prøv igjen",
  orderBounced: (subject: string) => `Brreg fikk ikke bestillingen: e-posten kom i retur (${subject}). Sjekk adressen og send på nytt.`,
  brregConfirmedThread: (owner: string, sentTo: string) =>
    `${owner}: Brreg har bekreftet bestillingen.${sentTo ? ` Brreg har sendt innloggingsopplysninger til ${sentTo}.` : ""} Se direktemeldingen for hva kunden skal gjøre nå.`,
  brregConfirmedByHand: (who: string, owner: string) => `${who} registrerte at Brreg har bekreftet. ${owner}: se direktemeldingen for hva kunden skal gjøre nå.`,
  dmIntro: (ref: string, customer: string) => `Brreg har bekreftet ${ref} (${customer}). Dette er neste steg:`,
  dmForward: "Tekst du kan videresende til kunden:",
  reminder: (stage: string, next: string) => `Påminnelse: saken står fortsatt på «${stage}». ${next}`,
  reminderOrderFailed:
    "Påminnelse: e-posten med bestillingen til Brreg er fortsatt ikke sendt, og appen har gitt opp å sende den. Svaret fra e-posttjeneren står i tråden; trykk «Prøv igjen» når feilen er rettet, eller avbryt saken.",
  reminderOrderRetrying:
    "Påminnelse: e-posten med bestillingen til Brreg er fortsatt ikke sendt; appen prøver igjen av seg selv. Svaret fra e-posttjeneren står i tråden: sjekk e-postoppsettet (SMTP_URL) eller avbryt saken.",
  followupSent: (to: string, when: string) => `Purringen til Brreg ble sendt ${when} til ${to}.`,
  followupPreview: (path: string) =>
    `Ingenting ble sendt: SMTP er ikke satt opp (SMTP_URL), så purringen ligger bare som forhåndsvisning i \`${path}\`. Send den selv hvis Brreg skal få den.`,
  completed: (who: string, scope: string) => `${who} registrerte at kunden har scopet ${scope}. Saken er fullført.`,
  unmatched: (from: string, subject: string, when: string) =>
    `E-post fra Brreg som ikke passet til noen åpen sak: «${subject}» fra ${from}, mottatt ${when}.`,
  linkToCase: "Koble til sak",
  forged: (from: string, subject: string, when: string) =>
    `:warning: E-post som oppgir Brregs domene, men som e-posttjeneren vår ikke kunne bekrefte (DMARC feilet): «${subject}» fra ${from}, mottatt ${when}. Den er ikke brukt som bekreftelse; er den ekte, koble den til saken.`,
  passedOver: (mailbox: string, uid: string, error: string) =>
    `:warning: En e-post i innboksen ${mailbox} (UID ${uid}) kunne ikke behandles etter gjentatte forsøk og er hoppet over: ${error}. Se etter den i innboksen; er det Brregs svar på en sak, trykk «Brreg har bekreftet» i saken.`,
};

const en: typeof nb = {
  rootFallback: (ref, customer, stage) => `${ref} · ${customer} · ${stage}`,
  environment: "Environment",
  stage: "Stage",
  since: (when) => `since ${when}`,
  next: "Next",
  owner: "Owner",
  vendor: "Vendor",
  customer: "Customer",
  customerContact: "Customer's test contact",
  scope: "Scope",
  reason: "Reason",
  createdBy: (who, when) => `Created by ${who} ${when}`,
  created: (ref, who) => `${who} created ${ref}. Everything that happens in the case is posted in this thread.`,
  customerAccessIntro:
    "The customer has not yet had Brreg's confirmation of its own access, so nothing has been sent to Brreg. Forward the text below to the customer, and press “Customer has access” once Brreg has confirmed:",
  moved: (who, from, to) => `${who} moved the case from “${from}” to “${to}”.`,
  cancelled: (who, reason) => `${who} cancelled the case. Reason: ${reason}`,
  orderSent: (to, cc, when) => `The order email was sent ${when} to ${to}${cc ? ` (cc: ${cc})` : ""}. Now we wait for Brreg's reply.`,
  orderPreview: (path) =>
    `Nothing was sent: SMTP is not set up (SMTP_URL), so the app runs in preview mode. The email is in \`${path}\`. Send it yourself, and press “Brreg confirmed” when Brreg replies.`,
  orderRetrying: (error, when) => `The email to Brreg is queued, but the mail server answered: ${error}. The app retries automatically (next attempt ${when}).`,
  orderFailed: (error) => `The email to Brreg could not be sent. The server's answer: ${error}`,
  retry: "Try again",
  orderBounced: (subject) => `Brreg did not get the order: the email bounced (${subject}). Check the address and send again.`,
  brregConfirmedThread: (owner, sentTo) =>
    `${owner}: Brreg has confirmed the order.${sentTo ? ` Brreg sent login details to ${sentTo}.` : ""} See the direct message for what the customer must do now.`,
  brregConfirmedByHand: (who, owner) => `${who} recorded that Brreg has confirmed. ${owner}: see the direct message for what the customer must do now.`,
  dmIntro: (ref, customer) => `Brreg has confirmed ${ref} (${customer}). This is the next step:`,
  dmForward: "Text you can forward to the customer:",
  reminder: (stage, next) => `Reminder: the case is still at “${stage}”. ${next}`,
  reminderOrderFailed:
    "Reminder: the order email to Brreg has still not been sent, and the app has given up sending it. The mail server's answer is in the thread; press “Try again” once the fault is fixed, or cancel the case.",
  reminderOrderRetrying:
    "Reminder: the order email to Brreg has still not been sent; the app keeps trying on its own. The mail server's answer is in the thread: check the mail setup (SMTP_URL) or cancel the case.",
  followupSent: (to, when) => `The follow-up to Brreg was sent ${when} to ${to}.`,
  followupPreview: (path) =>
    `Nothing was sent: SMTP is not set up (SMTP_URL), so the follow-up is only a preview in \`${path}\`. Send it yourself if Brreg is to get it.`,
  completed: (who, scope) => `${who} recorded that the customer holds the scope ${scope}. The case is completed.`,
  unmatched: (from, subject, when) => `Email from Brreg that matched no open case: “${subject}” from ${from}, received ${when}.`,
  linkToCase: "Link to case",
  forged: (from, subject, when) =>
    `:warning: Email that gives Brreg's domain, but which our mail server could not confirm (DMARC failed): “${subject}” from ${from}, received ${when}. It was not taken as a confirmation; if it is genuine, link it to its case.`,
  passedOver: (mailbox, uid, error) =>
    `:warning: An email in the mailbox ${mailbox} (UID ${uid}) could not be handled after repeated tries and was passed over: ${error}. Look for it in the mailbox; if it is Brreg's reply to a case, press “Brreg confirmed” in the case.`,
};

export const caseText: Catalog<typeof nb> = { nb, en };
