import type { CaseNotice } from "../../domain/notices.js";
import { defaultMaskinportenUrl, maskinportenPrefix, type MaskinportenEnv } from "../../maskinportenSettings.js";
import type { Catalog } from "./locale.js";

type Problem = Extract<CaseNotice, { kind: "token_failed" }>["problem"];
/** p: the settings' prefix of the case's environment (MASKINPORTEN_TEST_ or MASKINPORTEN_PROD_) */
type Explain = (p: string, env: MaskinportenEnv) => string;

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
  notConfigured: (env: MaskinportenEnv) => {
    const p = maskinportenPrefix(env);
    return `Token-sjekken er ikke satt opp for ${env === "test" ? "TT02 (Maskinporten TEST)" : "produksjon"}: appen trenger ${p}CLIENT_ID og enten ${p}KID med ${p}PRIVATE_KEY_FILE eller ${p}CERTIFICATE_FILE. Hent token selv med consumer_org satt til kundens organisasjonsnummer.`;
  },
  // Each explanation says what to do, naming the setting of the case's environment (`p`).
  problems: {
    malformed_grant: (p) =>
      `Maskinporten kunne ikke lese JWT-grantet (MP-011, ugyldig assertion). Det er en feil hos oss, ikke hos kunden: sjekk at ${p}CLIENT_ID er klientens id, og meld feilen til dem som drifter appen med detaljene under.`,
    grant_reused: () =>
      "Maskinporten har sett dette grantet før (MP-012, jti brukt på nytt). Hvert forsøk lager et nytt grant, så trykk «Sjekk token igjen». Vedvarer det, meld feilen til dem som drifter appen.",
    client_not_found: (p, env) =>
      `Maskinporten fant ikke klienten, eller klienten kunne ikke autentiseres (MP-100). Sjekk at ${p}CLIENT_ID er klient-id-en fra Samarbeidsportalen, og at klienten er laget i ${env === "test" ? "testmiljøet" : "produksjon"}: en klient finnes bare i miljøet den ble laget i, og ${p}URL må peke dit. Spørsmål om Maskinporten: servicedesk@digdir.no.`,
    wrong_audience: (p, env) =>
      `Maskinporten godtok ikke aud i grantet (MP-110). aud er ${p}URL: Maskinportens adresse (${defaultMaskinportenUrl[env]}), ikke token-adressen. Sjekk ${p}URL.`,
    certificate_invalid: (p) =>
      `Maskinporten godtok ikke virksomhetssertifikatet (MP-120). Et produksjonssertifikat virker ikke i test, og et testsertifikat ikke i produksjon; sertifikatet kan også være utløpt eller trukket tilbake. Sjekk ${p}CERTIFICATE_FILE.`,
    key_expired: (p) =>
      `Nøkkelen på klienten er utløpt (MP-121): en nøkkel gjelder ett år fra den ble lagt på klienten. Legg en ny nøkkel på klienten i Samarbeidsportalen, og sett ${p}KID og ${p}PRIVATE_KEY_FILE til den.`,
    certificate_wrong_org: (p) =>
      `Virksomhetssertifikatet tilhører en annen organisasjon enn den som eier klienten (MP-122). Bruk sertifikatet til klientens eier i ${p}CERTIFICATE_FILE, eller riktig klient i ${p}CLIENT_ID.`,
    bad_x5c: (p) =>
      `Maskinporten kunne ikke lese sertifikatkjeden i grantet (MP-123, x5c må være en liste av sertifikater). Sjekk at ${p}CERTIFICATE_FILE er virksomhetssertifikatet (PKCS#12, eller PEM med kjede og nøkkel). Vedvarer det, meld feilen til dem som drifter appen.`,
    bad_signature: (p) =>
      `Maskinporten godtok ikke signaturen på grantet (MP-124): nøkkelen er ikke den som er registrert på klienten. Sjekk at ${p}PRIVATE_KEY_FILE er nøkkelen som ${p}KID viser til i Samarbeidsportalen, eller at ${p}CERTIFICATE_FILE er sertifikatet klienten bruker.`,
    grant_expired: () =>
      "Maskinporten mener grantet er utløpt eller ikke gyldig ennå (MP-130). Oftest går klokken på serveren feil: den må gå riktig på sekundet (NTP). Rett klokken, og trykk «Sjekk token igjen».",
    scope_not_on_client: (p) =>
      `Scopet er ikke lagt til på Maskinporten-klienten deres (MP-200). Legg scopet til på klienten i Samarbeidsportalen og i ${p}SCOPES (eller fjern ${p}SCOPES for alle seks), og trykk «Sjekk token igjen». Spørsmål om Maskinporten: servicedesk@digdir.no.`,
    scope_wrong_integration: (p) =>
      `Scopet er ikke tillatt for klientens integrasjonstype (MP-201). Lag en klient av typen Maskinporten i Samarbeidsportalen med scopet, og sett ${p}CLIENT_ID til den. Spørsmål om Maskinporten: servicedesk@digdir.no.`,
    never_granted: () =>
      "Kunden har ikke fått dette scopet fra Brreg (MP-250). Sjekk at kunden har tilgang til akkurat dette scopet (og i riktig miljø), eller rapporter riktig scope. Spørsmål om Maskinporten: servicedesk@digdir.no.",
    not_delegated: () =>
      "Kunden har ikke delegert dette scopet til dere (MP-251). Vanlige årsaker: delegert i feil miljø (en delegering i Altinn produksjon virker ikke i TT02/Maskinporten TEST, og omvendt: TT02-saker delegeres i tt02.altinn.no som den fiktive personen, produksjon i altinn.no), valgt et annet API enn scopet, delegert til feil organisasjonsnummer, eller delegert mens brukeren representerte en annen enhet enn kunden (en underenhet eller et morselskap). Be kunden rette det i Altinn, og trykk «Sjekk token igjen» etterpå. Spørsmål om delegering: servicedesk@altinn.no.",
    own_orgnr: () =>
      "Maskinporten godtar ikke kombinasjonen: consumer_org er deres eget organisasjonsnummer. Sjekk at kundens organisasjonsnummer i saken er riktig og ikke leverandørens.",
    wrong_consumer: () => "Tokenet gjelder en annen organisasjon enn kunden i saken. Sjekk at kundens organisasjonsnummer i saken er riktig.",
    wrong_environment: () =>
      "Maskinporten-innstillingene gjelder et annet miljø enn saken (test mot produksjon), så sjekken ble ikke kjørt. Hent token selv i riktig miljø.",
    unreachable: () => "Fikk ikke svar fra Maskinporten (nede eller treg). Trykk «Sjekk token igjen» om litt. Vedvarer det: servicedesk@digdir.no.",
    rejected: (p) =>
      `Maskinporten avviste forespørselen. Sjekk ${p}CLIENT_ID og ${p}KID med ${p}PRIVATE_KEY_FILE (eller ${p}CERTIFICATE_FILE) mot klienten i Samarbeidsportalen. Spørsmål om Maskinporten: servicedesk@digdir.no.`,
    bad_answer: () => "Maskinporten svarte med noe appen ikke forstår. Trykk «Sjekk token igjen» om litt. Vedvarer det: servicedesk@digdir.no.",
    key_unreadable: (p) =>
      `Appen kunne ikke lese nøkkelen eller sertifikatet (${p}PRIVATE_KEY_FILE eller ${p}CERTIFICATE_FILE). Sjekk at filen finnes og er en PEM RSA-nøkkel på minst 2048 bit, eller et virksomhetssertifikat (PKCS#12, eller PEM med kjede og nøkkel) med riktig ${p}CERTIFICATE_PASSPHRASE.`,
    rrh_refused: () =>
      "Brregs API for reelle rettighetshavere avviste tokenet (401/403): delegeringen finnes i Maskinporten, men scopet er ikke aktivt for kunden hos Brreg. Be Brreg aktivere tilgangen for kunden (opendata@brreg.no), og trykk «Sjekk token igjen» etterpå.",
    rrh_unreachable: () => "Brregs API for reelle rettighetshavere svarte ikke (nede eller treg), så tokenet er ikke prøvd mot Brreg ennå. Trykk «Sjekk token igjen» om litt.",
    credential_expired: (p) =>
      `Årsaken er klientens egen nøkkel eller virksomhetssertifikat, som er utløpt (se detaljene): ingen kunde i miljøet får token før den er fornyet, så feilen gjelder ikke denne kunden. En nøkkel: legg en ny på klienten i Samarbeidsportalen og sett ${p}KID, ${p}PRIVATE_KEY_FILE og ${p}KEY_EXPIRES til den. Et sertifikat: forny det og sett ${p}CERTIFICATE_FILE til det nye.`,
  } satisfies Record<Problem, Explain>,
  brregAnswered: (detail: string) => `Brreg svarte: ${detail}`,
  failedAtBrreg: (scope: string, customer: string) => `:warning: Maskinporten ga token for ${scope} på vegne av ${customer}, men Brregs API godtok det ikke.`,
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
  notConfigured: (env) => {
    const p = maskinportenPrefix(env);
    return `The token check is not set up for ${env === "test" ? "TT02 (Maskinporten TEST)" : "production"}: the app needs ${p}CLIENT_ID and either ${p}KID with ${p}PRIVATE_KEY_FILE or ${p}CERTIFICATE_FILE. Fetch a token yourself with consumer_org set to the customer's organisation number.`;
  },
  problems: {
    malformed_grant: (p) =>
      `Maskinporten could not read the JWT grant (MP-011, invalid assertion). The fault is ours, not the customer's: check that ${p}CLIENT_ID is the client's id, and report the error to whoever runs the app with the details below.`,
    grant_reused: () =>
      "Maskinporten has seen this grant before (MP-012, jti reused). Each attempt makes a new grant, so press “Check token again”. If it persists, report it to whoever runs the app.",
    client_not_found: (p, env) =>
      `Maskinporten did not find the client, or could not authenticate it (MP-100). Check that ${p}CLIENT_ID is the client id from Samarbeidsportalen and that the client was made in ${env === "test" ? "the test environment" : "production"}: a client exists only in the environment it was made in, and ${p}URL must point there. Questions about Maskinporten: servicedesk@digdir.no.`,
    wrong_audience: (p, env) =>
      `Maskinporten did not accept the grant's aud (MP-110). aud is ${p}URL: Maskinporten's address (${defaultMaskinportenUrl[env]}), not the token address. Check ${p}URL.`,
    certificate_invalid: (p) =>
      `Maskinporten did not accept the enterprise certificate (MP-120). A production certificate does not work in test, nor a test certificate in production; the certificate may also have expired or been revoked. Check ${p}CERTIFICATE_FILE.`,
    key_expired: (p) =>
      `The client's key has expired (MP-121): a key lives one year from when it was added to the client. Add a new key to the client in Samarbeidsportalen, and set ${p}KID and ${p}PRIVATE_KEY_FILE to it.`,
    certificate_wrong_org: (p) =>
      `The enterprise certificate belongs to another organisation than the client's owner (MP-122). Use the owner's certificate in ${p}CERTIFICATE_FILE, or the right client in ${p}CLIENT_ID.`,
    bad_x5c: (p) =>
      `Maskinporten could not read the certificate chain in the grant (MP-123, x5c must be a list of certificates). Check that ${p}CERTIFICATE_FILE is the enterprise certificate (PKCS#12, or PEM with chain and key). If it persists, report it to whoever runs the app.`,
    bad_signature: (p) =>
      `Maskinporten did not accept the grant's signature (MP-124): the key is not the one registered on the client. Check that ${p}PRIVATE_KEY_FILE is the key ${p}KID names in Samarbeidsportalen, or that ${p}CERTIFICATE_FILE is the certificate the client uses.`,
    grant_expired: () =>
      "Maskinporten considers the grant expired or not yet valid (MP-130). Most often the server's clock is wrong: it must be right to the second (NTP). Fix the clock, then press “Check token again”.",
    scope_not_on_client: (p) =>
      `The scope is not added to your Maskinporten client (MP-200). Add the scope to the client in Samarbeidsportalen and to ${p}SCOPES (or unset ${p}SCOPES for all six), then press “Check token again”. Questions about Maskinporten: servicedesk@digdir.no.`,
    scope_wrong_integration: (p) =>
      `The scope is not allowed for the client's integration type (MP-201). Make a client of the type Maskinporten in Samarbeidsportalen with the scope, and set ${p}CLIENT_ID to it. Questions about Maskinporten: servicedesk@digdir.no.`,
    never_granted: () =>
      "The customer has not been granted this scope by Brreg (MP-250). Check that the customer has access to exactly this scope (in the right environment), or report the right scope. Questions about Maskinporten: servicedesk@digdir.no.",
    not_delegated: () =>
      "The customer has not delegated this scope to you (MP-251). Common causes: delegated in the wrong environment (a delegation made in Altinn production does not work in TT02/Maskinporten TEST, and the reverse: TT02 cases are delegated in tt02.altinn.no as the fictitious person, production in altinn.no), picked another API than the scope, delegated to the wrong organisation number, or delegated while acting for another unit than the customer (a sub-unit or a parent company). Ask the customer to put it right in Altinn, then press “Check token again”. Questions about delegation: servicedesk@altinn.no.",
    own_orgnr: () =>
      "Maskinporten rejects the combination: consumer_org is your own organisation number. Check that the customer's organisation number in the case is right and not the vendor's.",
    wrong_consumer: () => "The token is for another organisation than the case's customer. Check that the customer's organisation number in the case is right.",
    wrong_environment: () =>
      "The Maskinporten settings are for another environment than the case (test versus production), so the check did not run. Fetch a token yourself in the right environment.",
    unreachable: () => "Maskinporten did not answer (down or slow). Press “Check token again” in a while. If it persists: servicedesk@digdir.no.",
    rejected: (p) =>
      `Maskinporten rejected the request. Check ${p}CLIENT_ID and ${p}KID with ${p}PRIVATE_KEY_FILE (or ${p}CERTIFICATE_FILE) against the client in Samarbeidsportalen. Questions about Maskinporten: servicedesk@digdir.no.`,
    bad_answer: () => "Maskinporten answered with something the app does not understand. Press “Check token again” in a while. If it persists: servicedesk@digdir.no.",
    key_unreadable: (p) =>
      `The app could not read the key or certificate (${p}PRIVATE_KEY_FILE or ${p}CERTIFICATE_FILE). Check that the file exists and is a PEM RSA key of at least 2048 bits, or an enterprise certificate (PKCS#12, or PEM with chain and key) with the right ${p}CERTIFICATE_PASSPHRASE.`,
    rrh_refused: () =>
      "Brreg's API for beneficial owners refused the token (401/403): the delegation exists in Maskinporten, but the scope is not active for the customer at Brreg. Ask Brreg to activate the access for the customer (opendata@brreg.no), then press “Check token again”.",
    rrh_unreachable: () => "Brreg's API for beneficial owners did not answer (down or slow), so the token has not been tried at Brreg yet. Press “Check token again” in a while.",
    credential_expired: (p) =>
      `The cause is the client's own key or enterprise certificate, which has expired (see the details): no customer of the environment gets a token until it is renewed, so the failure is not this customer's. A key: add a new one to the client in Samarbeidsportalen and set ${p}KID, ${p}PRIVATE_KEY_FILE and ${p}KEY_EXPIRES to it. A certificate: renew it and set ${p}CERTIFICATE_FILE to the new one.`,
  },
  brregAnswered: (detail) => `Brreg said: ${detail}`,
  failedAtBrreg: (scope, customer) => `:warning: Maskinporten issued a token for ${scope} on behalf of ${customer}, but Brreg's API did not accept it.`,
  tokenFor: (orgnr) => `The token was for ${orgnr}.`,
};

export const maskinportenText: Catalog<typeof nb> = { nb, en };
