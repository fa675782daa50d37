import type { DelegationLoss } from "../../domain/notices.js";
import type { Catalog } from "./locale.js";

// What the watch over verified delegations tells the thread, the owner and the case channel:
// a delegation lost and restored, and a problem of the vendor's own Maskinporten client.
// Arguments are already escaped for mrkdwn by the caller.

type Problem = DelegationLoss["problem"];

const nb = {
  lost: (scope: string, customer: string, since: string) =>
    `:rotating_light: Delegeringen virker ikke lenger: Maskinporten har ikke gitt token for ${scope} på vegne av ${customer} siden ${since} (sjekket to ganger).`,
  lastVerified: (at: string) => `Sist verifisert: ${at}.`,
  neverVerified: "Appen har ikke verifisert den selv før.",
  said: (answer: string) => `Svaret: ${answer}`,
  todo: (what: string) => `Hva nå: ${what}`,
  plain: {
    not_delegated:
      "Maskinporten sier at kunden ikke lenger har delegert scopet til dere (MP-251). Fullmakten er trolig fjernet i Altinn, for eksempel ved en opprydding, en ny administrator eller et bytte av leverandør.",
    never_granted: "Maskinporten sier at kunden ikke lenger har tilgangen til scopet hos Brreg (MP-250): tilgangen fra Brønnøysundregistrene er avsluttet.",
    rrh_refused: "Maskinporten ga token, men Brregs API avviste det (401/403): scopet er ikke lenger aktivt for kunden hos Brreg.",
  } satisfies Record<Problem, string>,
  whatToDo: {
    not_delegated:
      "be kunden gi fullmakt på nytt i Altinn, samme vei som sist (teksten under kan sendes med «Send til kunden»). Appen spør Maskinporten selv og sier fra i tråden når delegeringen virker igjen.",
    never_granted:
      "kunden må få tilgangen fra Brreg på nytt (opendata@brreg.no) og så gi dere fullmakt igjen i Altinn (teksten under kan sendes med «Send til kunden»). Appen sier fra i tråden når delegeringen virker igjen.",
    rrh_refused: "spør Brreg (opendata@brreg.no) hvorfor scopet ikke lenger er aktivt for kunden. Appen spør selv igjen og sier fra i tråden når delegeringen virker igjen.",
  } satisfies Record<Problem, string>,
  forwardLost: "Tekst til kunden:",
  // The fictitious route: no customer, the vendor delegates itself from the fictitious company.
  whatToDoFictitious: {
    not_delegated:
      "deleger på nytt selv i Altinn TT02, fra den fiktive virksomheten til deres eget organisasjonsnummer (stegene under). Appen spør Maskinporten selv og sier fra i tråden når delegeringen virker igjen.",
    never_granted:
      "den fiktive virksomheten har ikke lenger scopet hos Brreg: spør Brreg (opendata@brreg.no) om å gi det på nytt, og deleger så igjen (stegene under). Appen sier fra i tråden når delegeringen virker igjen.",
    rrh_refused: "spør Brreg (opendata@brreg.no) hvorfor scopet ikke lenger er aktivt for den fiktive virksomheten. Appen spør selv igjen og sier fra i tråden når delegeringen virker igjen.",
  } satisfies Record<Problem, string>,
  forwardFictitious: "Slik delegerer dere på nytt:",
  dmLost: (ref: string, customer: string, scope: string, since: string) => `Delegeringen i ${ref} (${customer}) virker ikke lenger: Maskinporten har ikke gitt token for ${scope} siden ${since}.`,
  channelLost: (ref: string, customer: string, env: string, scope: string, since: string) =>
    `:rotating_light: ${ref} · ${customer} (${env}): delegeringen for ${scope} virker ikke lenger, siden ${since}.`,
  restored: (scope: string, customer: string, lostSince: string) =>
    `:white_check_mark: Delegeringen virker igjen: Maskinporten ga token for ${scope} på vegne av ${customer}. Saken er verifisert igjen (den virket ikke fra ${lostSince}).`,
  clientProblem: (clientId: string, env: string) => `:warning: Maskinporten-klienten ${clientId} i ${env} har et problem som gjelder alle kundene i miljøet:`,
  clientProblemOnce: (ref: string) => `Appen sier ikke fra om dette igjen før klienten har fått et token. (Oppdaget under sjekken av ${ref}.)`,
  credentialEnds: (what: string, clientId: string, env: string, date: string, days: string) =>
    `:key: ${what} til Maskinporten-klienten ${clientId} i ${env} går ut ${date}, om ${days}. Da stopper tokenet for alle kundene i miljøet.`,
  credentialEnded: (what: string, clientId: string, env: string, date: string) =>
    `:rotating_light: ${what} til Maskinporten-klienten ${clientId} i ${env} gikk ut ${date}: ingen kunde i miljøet får token før den er fornyet.`,
  credentialWhat: { key: "Nøkkelen", certificate: "Virksomhetssertifikatet" },
  renew: {
    key: (p: string) => `Legg en ny nøkkel på klienten i Samarbeidsportalen, og sett ${p}KID, ${p}PRIVATE_KEY_FILE og ${p}KEY_EXPIRES til den nye (en nøkkel gjelder ett år fra den ble lagt på klienten).`,
    certificate: (p: string) => `Forny virksomhetssertifikatet hos utstederen, sett ${p}CERTIFICATE_FILE (og ${p}CERTIFICATE_PASSPHRASE) til det nye, og start appen på nytt.`,
  },
  homeCredential: (what: string, clientId: string, env: string, date: string, days: string) => `:warning: ${what} til Maskinporten-klienten ${clientId} (${env}) går ut ${date}, om ${days}.`,
  homeCredentialEnded: (what: string, clientId: string, env: string, date: string) => `:rotating_light: ${what} til Maskinporten-klienten ${clientId} (${env}) gikk ut ${date}.`,
  days: (n: number) => (n === 1 ? "1 dag" : `${n} dager`),
  checking: (ref: string) => `Spør Maskinporten om delegeringen i ${ref} nå. Virker den, står det i tråden om litt.`,
  tooSoon: (ref: string, at: string) => `Appen sjekket ${ref} for under et minutt siden. Du kan trykke «Sjekk nå» igjen fra kl. ${at}.`,
};

const en: typeof nb = {
  lost: (scope, customer, since) =>
    `:rotating_light: The delegation no longer works: Maskinporten has issued no token for ${scope} on behalf of ${customer} since ${since} (checked twice).`,
  lastVerified: (at) => `Last verified: ${at}.`,
  neverVerified: "The app had not verified it itself before.",
  said: (answer) => `The answer: ${answer}`,
  todo: (what) => `What now: ${what}`,
  plain: {
    not_delegated:
      "Maskinporten says the customer no longer delegates the scope to you (MP-251). The grant was probably removed in Altinn, for instance in a cleanup, by a new administrator or when changing supplier.",
    never_granted: "Maskinporten says the customer no longer holds the scope at Brreg (MP-250): its access from the Brønnøysund Register Centre has ended.",
    rrh_refused: "Maskinporten issued a token, but Brreg's API refused it (401/403): the scope is no longer active for the customer at Brreg.",
  },
  whatToDo: {
    not_delegated:
      "ask the customer to grant the access again in Altinn, the same way as last time (the text below can be sent with “Send to customer”). The app asks Maskinporten by itself and says so in the thread once the delegation works again.",
    never_granted:
      "the customer must get the access from Brreg again (opendata@brreg.no) and then grant it to you again in Altinn (the text below can be sent with “Send to customer”). The app says so in the thread once the delegation works again.",
    rrh_refused: "ask Brreg (opendata@brreg.no) why the scope is no longer active for the customer. The app keeps asking and says so in the thread once the delegation works again.",
  },
  forwardLost: "Text for the customer:",
  whatToDoFictitious: {
    not_delegated:
      "delegate again yourselves in Altinn TT02, from the fictitious company to your own organisation number (the steps below). The app asks Maskinporten by itself and says so in the thread once the delegation works again.",
    never_granted:
      "the fictitious company no longer holds the scope at Brreg: ask Brreg (opendata@brreg.no) to grant it again, then delegate again (the steps below). The app says so in the thread once the delegation works again.",
    rrh_refused: "ask Brreg (opendata@brreg.no) why the scope is no longer active for the fictitious company. The app keeps asking and says so in the thread once the delegation works again.",
  },
  forwardFictitious: "How to delegate again:",
  dmLost: (ref, customer, scope, since) => `The delegation in ${ref} (${customer}) no longer works: Maskinporten has issued no token for ${scope} since ${since}.`,
  channelLost: (ref, customer, env, scope, since) => `:rotating_light: ${ref} · ${customer} (${env}): the delegation for ${scope} no longer works, since ${since}.`,
  restored: (scope, customer, lostSince) =>
    `:white_check_mark: The delegation works again: Maskinporten issued a token for ${scope} on behalf of ${customer}. The case is verified again (it did not work from ${lostSince}).`,
  clientProblem: (clientId, env) => `:warning: The Maskinporten client ${clientId} in ${env} has a problem that concerns every customer of the environment:`,
  clientProblemOnce: (ref) => `The app will not say this again until the client has got a token. (Found while checking ${ref}.)`,
  credentialEnds: (what, clientId, env, date, days) => `:key: ${what} of the Maskinporten client ${clientId} in ${env} ends ${date}, in ${days}. Every customer's token in the environment stops then.`,
  credentialEnded: (what, clientId, env, date) => `:rotating_light: ${what} of the Maskinporten client ${clientId} in ${env} ended ${date}: no customer of the environment gets a token until it is renewed.`,
  credentialWhat: { key: "The key", certificate: "The enterprise certificate" },
  renew: {
    key: (p) => `Add a new key to the client in Samarbeidsportalen, and set ${p}KID, ${p}PRIVATE_KEY_FILE and ${p}KEY_EXPIRES to the new one (a key lives a year from when it was added to the client).`,
    certificate: (p) => `Renew the enterprise certificate with its issuer, set ${p}CERTIFICATE_FILE (and ${p}CERTIFICATE_PASSPHRASE) to the new one, and restart the app.`,
  },
  homeCredential: (what, clientId, env, date, days) => `:warning: ${what} of the Maskinporten client ${clientId} (${env}) ends ${date}, in ${days}.`,
  homeCredentialEnded: (what, clientId, env, date) => `:rotating_light: ${what} of the Maskinporten client ${clientId} (${env}) ended ${date}.`,
  days: (n) => (n === 1 ? "1 day" : `${n} days`),
  checking: (ref) => `Asking Maskinporten about the delegation in ${ref} now. If it works, the thread says so shortly.`,
  tooSoon: (ref, at) => `The app checked ${ref} less than a minute ago. You can press “Check now” again from ${at}.`,
};

export const watchText: Catalog<typeof nb> = { nb, en };
