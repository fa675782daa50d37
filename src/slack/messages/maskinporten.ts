import type { CaseNotice } from "../../domain/notices.js";
import type { Catalog } from "./locale.js";

type Problem = Extract<CaseNotice, { kind: "token_failed" }>["problem"];

// The delegated-token check after a case is completed: the thread post and the retry button.
// Arguments are already escaped for mrkdwn by the caller.
const nb = {
  verified: (scope: string, customer: string) =>
    `:white_check_mark: Maskinporten ga et token for ${scope} på vegne av ${customer}. Delegeringen virker, og saken er verifisert.`,
  tokenNames: (consumer: string, supplier: string) => `Tokenet gjelder kunden ${consumer} (consumer) og leverandøren ${supplier} (supplier).`,
  failed: (scope: string, customer: string) => `:warning: Maskinporten ga ikke token for ${scope} på vegne av ${customer}.`,
  answered: (detail: string) => `Maskinporten svarte: ${detail}`,
  details: (detail: string) => `Detaljer: ${detail}`,
  retry: "Sjekk token igjen",
  checking: (ref: string) => `Spør Maskinporten om token for ${ref} … Svaret kommer i tråden.`,
  notConfigured:
    "Token-sjekken er ikke satt opp: appen trenger MASKINPORTEN_CLIENT_ID, MASKINPORTEN_KID og MASKINPORTEN_PRIVATE_KEY_FILE. Hent token selv med consumer_org satt til kundens organisasjonsnummer.",
  problems: {
    not_delegated:
      "Kunden har ikke delegert dette scopet til dere (MP-251). Vanlige årsaker: delegert i feil miljø (TT02-saker i tt02.altinn.no som den fiktive personen, produksjon i altinn.no), valgt en annen ordning enn scopet, delegert til feil organisasjonsnummer, eller delegert mens brukeren representerte en annen enhet enn kunden (en underenhet eller et morselskap). Be kunden rette det i Altinn, og trykk «Sjekk token igjen» etterpå. Spørsmål om delegering: servicedesk@altinn.no.",
    never_granted:
      "Kunden har ikke fått dette scopet fra Brreg (MP-250). Sjekk at kunden har tilgang til akkurat dette scopet (og i riktig miljø), eller rapporter riktig scope. Spørsmål om Maskinporten: servicedesk@digdir.no.",
    scope_not_on_client:
      "Scopet er ikke lagt til på Maskinporten-klienten deres (MP-200). Legg scopet til på klienten i Samarbeidsportalen og trykk «Sjekk token igjen». Spørsmål om Maskinporten: servicedesk@digdir.no.",
    own_orgnr:
      "Maskinporten godtar ikke kombinasjonen: consumer_org er deres eget organisasjonsnummer. Sjekk at kundens organisasjonsnummer i saken er riktig og ikke leverandørens.",
    wrong_consumer: "Tokenet gjelder en annen organisasjon enn kunden i saken. Sjekk at kundens organisasjonsnummer i saken er riktig.",
    wrong_environment:
      "Maskinporten-innstillingene gjelder et annet miljø enn saken (test mot produksjon), så sjekken ble ikke kjørt. Hent token selv i riktig miljø.",
    unreachable: "Fikk ikke svar fra Maskinporten (nede eller treg). Trykk «Sjekk token igjen» om litt. Vedvarer det: servicedesk@digdir.no.",
    rejected:
      "Maskinporten avviste forespørselen. Sjekk klient-id, nøkkel-id (kid) og nøkkelen i innstillingene mot klienten i Samarbeidsportalen. Spørsmål om Maskinporten: servicedesk@digdir.no.",
    bad_answer: "Maskinporten svarte med noe appen ikke forstår. Trykk «Sjekk token igjen» om litt. Vedvarer det: servicedesk@digdir.no.",
    key_unreadable: "Appen kunne ikke lese den private nøkkelen (MASKINPORTEN_PRIVATE_KEY_FILE). Sjekk at filen finnes og er en PEM-kodet RSA-nøkkel på minst 2048 bit.",
  } satisfies Record<Problem, string>,
  tokenFor: (orgnr: string) => `Tokenet gjaldt ${orgnr}.`,
};

const en: typeof nb = {
  verified: (scope, customer) =>
    `:white_check_mark: Maskinporten issued a token for ${scope} on behalf of ${customer}. The delegation works, and the case is verified.`,
  tokenNames: (consumer, supplier) => `The token names the customer ${consumer} (consumer) and the vendor ${supplier} (supplier).`,
  failed: (scope, customer) => `:warning: Maskinporten issued no token for ${scope} on behalf of ${customer}.`,
  answered: (detail) => `Maskinporten said: ${detail}`,
  details: (detail) => `Details: ${detail}`,
  retry: "Check token again",
  checking: (ref) => `Asking Maskinporten for a token for ${ref} … The answer goes to the thread.`,
  notConfigured:
    "The token check is not set up: the app needs MASKINPORTEN_CLIENT_ID, MASKINPORTEN_KID and MASKINPORTEN_PRIVATE_KEY_FILE. Fetch a token yourself with consumer_org set to the customer's organisation number.",
  problems: {
    not_delegated:
      "The customer has not delegated this scope to you (MP-251). Common causes: delegated in the wrong environment (TT02 cases in tt02.altinn.no as the fictitious person, production in altinn.no), picked another scheme than the scope, delegated to the wrong organisation number, or delegated while acting for another unit than the customer (a sub-unit or a parent company). Ask the customer to put it right in Altinn, then press “Check token again”. Questions about delegation: servicedesk@altinn.no.",
    never_granted:
      "The customer has not been granted this scope by Brreg (MP-250). Check that the customer has access to exactly this scope (in the right environment), or report the right scope. Questions about Maskinporten: servicedesk@digdir.no.",
    scope_not_on_client:
      "The scope is not added to your Maskinporten client (MP-200). Add the scope to the client in Samarbeidsportalen and press “Check token again”. Questions about Maskinporten: servicedesk@digdir.no.",
    own_orgnr:
      "Maskinporten rejects the combination: consumer_org is your own organisation number. Check that the customer's organisation number in the case is right and not the vendor's.",
    wrong_consumer: "The token is for another organisation than the case's customer. Check that the customer's organisation number in the case is right.",
    wrong_environment:
      "The Maskinporten settings are for another environment than the case (test versus production), so the check did not run. Fetch a token yourself in the right environment.",
    unreachable: "Maskinporten did not answer (down or slow). Press “Check token again” in a while. If it persists: servicedesk@digdir.no.",
    rejected:
      "Maskinporten rejected the request. Check the client id, key id (kid) and the key in the settings against the client in Samarbeidsportalen. Questions about Maskinporten: servicedesk@digdir.no.",
    bad_answer: "Maskinporten answered with something the app does not understand. Press “Check token again” in a while. If it persists: servicedesk@digdir.no.",
    key_unreadable: "The app could not read the private key (MASKINPORTEN_PRIVATE_KEY_FILE). Check that the file exists and is a PEM-encoded RSA key of at least 2048 bits.",
  },
  tokenFor: (orgnr) => `The token was for ${orgnr}.`,
};

export const maskinportenText: Catalog<typeof nb> = { nb, en };
