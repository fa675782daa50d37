import type { Catalog } from "./locale.js";

// What the app's own Maskinporten polls tell the thread, the owner and the case channel.
// Arguments are already escaped for mrkdwn by the caller.

/** The last answer of a poll that gave up, by TokenProblem (anything else is shown as its code). */
type LastAnswer = { not_delegated: string; never_granted: string; unreachable: string; scope_not_on_client: string; other: (problem: string) => string };

const nb = {
  detected: (scope: string, customer: string) =>
    `:white_check_mark: Delegeringen ble oppdaget automatisk: Maskinporten ga et token for ${scope} på vegne av ${customer}. Saken er verifisert, og kunden trenger ikke rapportere scope.`,
  dmDetected: (ref: string, customer: string, scope: string) =>
    `Delegeringen i ${ref} (${customer}) ble oppdaget automatisk: Maskinporten ga et token for ${scope}, og saken er verifisert. Dette trenger Maskinporten-klienten deres:`,
  gaveUp: (days: string) =>
    `:hourglass: Appen har spurt Maskinporten om et token på vegne av kunden i ${days} dager uten å få det, og slutter nå å spørre. Når kunden har delegert, trykk «Sjekk nå» (da spør appen igjen) eller «Rapporter scope»: da sjekkes tokenet.`,
  gaveUpLost: (days: string) =>
    `:hourglass: Appen har spurt Maskinporten om et token på vegne av kunden i ${days} dager siden delegeringen sluttet å virke, uten å få det, og slutter nå å spørre. Saken står som «Delegeringen virker ikke lenger» til den avbrytes; når kunden har gitt fullmakt på nytt, trykk «Sjekk nå», så spør appen igjen.`,
  lastAnswer: (answer: string) => `Siste svar: ${answer}`,
  lastAnswers: {
    not_delegated: "kunden har ikke delegert scopet til dere (MP-251).",
    never_granted: "kunden har ikke fått scopet fra Brreg (MP-250).",
    unreachable: "fikk ikke svar fra Maskinporten.",
    scope_not_on_client: "ingen av scopene appen kan spørre etter er lagt til på klienten (MP-200).",
    other: (problem: string) => `${problem} (se loggen).`,
  } satisfies LastAnswer,
  scopeDiffers: (reported: string, detected: string, caseScope: string) =>
    `:warning: Scopet som ble rapportert, ${reported}, er ikke det Maskinporten ga token for på vegne av kunden: ${detected}. Saken står med ${caseScope}. Sjekk med kunden hvilket scope den har fått fra Brreg.`,
  scopeNotOnClient: (scope: string, clientId: string, env: string, p: string, ref: string) =>
    `:warning: Maskinporten sier at ${scope} ikke er lagt til på klienten ${clientId} i ${env} (MP-200). Appen spør ikke etter dette scopet igjen før ${p}CLIENT_ID eller ${p}SCOPES endres. Legg scopet til på klienten i Samarbeidsportalen, eller ta det ut av ${p}SCOPES. (Oppdaget under sjekken av ${ref}.)`,
  envTest: "Maskinporten TEST",
  envProd: "Maskinporten produksjon",
  days: (n: number) => (Number.isInteger(n) ? String(n) : n.toLocaleString("nb-NO", { maximumFractionDigits: 3 })),
};

const en: typeof nb = {
  detected: (scope, customer) =>
    `:white_check_mark: The delegation was found automatically: Maskinporten gave a token for ${scope} on behalf of ${customer}. The case is verified, and the customer need not report the scope.`,
  dmDetected: (ref, customer, scope) =>
    `The delegation in ${ref} (${customer}) was found automatically: Maskinporten gave a token for ${scope}, and the case is verified. This is what your Maskinporten client needs:`,
  gaveUp: (days) =>
    `:hourglass: The app has asked Maskinporten for a token on the customer's behalf for ${days} days without getting one, and stops asking now. Once the customer has delegated, press “Check now” (the app asks again) or “Report scope”: the token is checked then.`,
  gaveUpLost: (days) =>
    `:hourglass: The app has asked Maskinporten for a token on the customer's behalf for ${days} days since the delegation stopped working, without getting one, and stops asking now. The case stays at “The delegation no longer works” until it is cancelled; once the customer has granted the access again, press “Check now” and the app asks again.`,
  lastAnswer: (answer) => `Last answer: ${answer}`,
  lastAnswers: {
    not_delegated: "the customer has not delegated the scope to you (MP-251).",
    never_granted: "the customer has not been given the scope by Brreg (MP-250).",
    unreachable: "no answer from Maskinporten.",
    scope_not_on_client: "none of the scopes the app may ask for is on the client (MP-200).",
    other: (problem) => `${problem} (see the log).`,
  },
  scopeDiffers: (reported, detected, caseScope) =>
    `:warning: The scope reported, ${reported}, is not the one Maskinporten gave a token for on the customer's behalf: ${detected}. The case holds ${caseScope}. Check with the customer which scope Brreg gave it.`,
  scopeNotOnClient: (scope, clientId, env, p, ref) =>
    `:warning: Maskinporten says ${scope} is not on the client ${clientId} in ${env} (MP-200). The app will not ask for this scope again until ${p}CLIENT_ID or ${p}SCOPES changes. Add the scope to the client in Samarbeidsportalen, or take it out of ${p}SCOPES. (Found while checking ${ref}.)`,
  envTest: "Maskinporten TEST",
  envProd: "Maskinporten production",
  days: (n) => (Number.isInteger(n) ? String(n) : n.toLocaleString("en-GB", { maximumFractionDigits: 3 })),
};

export const delegationPollText: Catalog<typeof nb> = { nb, en };
