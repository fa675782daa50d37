import { z } from "zod";
import type { Environment } from "./environments.js";
import type { CustomerAccess } from "./order.js";
import type { Localized } from "./locale.js";
import type { Route } from "./routes.js";

export const stages = [
  "customer_access_pending",
  "order_pending",
  "awaiting_brreg",
  "awaiting_delegation",
  "completed",
  "verified",
  "delegation_lost",
  "cancelled",
] as const;

export const stageSchema = z.enum(stages);
export type Stage = z.infer<typeof stageSchema>;

// A completed case has its scope; what remains (the token check) is optional
// and no longer something a person chases, so it is closed and not cancellable. A verified
// delegation that stopped working (delegation_lost) waits on the customer again: open.
export const openStages = [
  "customer_access_pending",
  "order_pending",
  "awaiting_brreg",
  "awaiting_delegation",
  "delegation_lost",
] as const satisfies readonly Stage[];
export type OpenStage = (typeof openStages)[number];

/**
 * Stages that wait on someone, and so are chased by reminders. order_pending normally lasts
 * seconds (the outbox sends at once); its reminder fires only when the email is stuck (retrying,
 * or failed and waiting for "Prøv igjen").
 */
export const waitingStageSchema = z.enum(openStages);
export type WaitingStage = OpenStage;

export function isWaitingStage(stage: Stage): stage is WaitingStage {
  return isOpen(stage);
}

export function isOpen(stage: Stage): stage is OpenStage {
  return (openStages as readonly Stage[]).includes(stage);
}

export const allowedTransitions: Record<Stage, readonly Stage[]> = {
  customer_access_pending: ["order_pending", "cancelled"],
  order_pending: ["awaiting_brreg", "cancelled"],
  awaiting_brreg: ["awaiting_delegation", "cancelled"],
  awaiting_delegation: ["completed", "cancelled"],
  completed: ["verified"],
  // A later check found the delegation gone; the next token restores it.
  verified: ["delegation_lost"],
  delegation_lost: ["verified", "cancelled"],
  cancelled: [],
};

/** Stages in which the app polls Maskinporten for the customer's delegation. */
export const delegationWaitStages = ["awaiting_delegation", "delegation_lost"] as const satisfies readonly Stage[];
export type DelegationWaitStage = (typeof delegationWaitStages)[number];

export function waitsForDelegation(stage: Stage): stage is DelegationWaitStage {
  return (delegationWaitStages as readonly Stage[]).includes(stage);
}

export function canMove(from: Stage, to: Stage): boolean {
  return allowedTransitions[from].includes(to);
}

export function initialStage(customerAccess: CustomerAccess): Stage {
  return customerAccess === "confirmed" ? "order_pending" : "customer_access_pending";
}

export const stageLabel: Record<Stage, Localized> = {
  customer_access_pending: {
    nb: "Venter på at kunden får tilgang fra Brreg",
    en: "Waiting for the customer to get access from Brreg",
  },
  order_pending: { nb: "Bestillingen sendes til Brreg", en: "Sending the order to Brreg" },
  awaiting_brreg: { nb: "Venter på svar fra Brreg", en: "Waiting for Brreg's reply" },
  awaiting_delegation: {
    nb: "Venter på delegering fra kunden",
    en: "Waiting for the customer to delegate",
  },
  completed: { nb: "Fullført – scope er registrert", en: "Completed – scope recorded" },
  verified: { nb: "Verifisert – token hentet fra Maskinporten", en: "Verified – token fetched from Maskinporten" },
  delegation_lost: { nb: "Delegeringen virker ikke lenger", en: "The delegation no longer works" },
  cancelled: { nb: "Avbrutt", en: "Cancelled" },
};

export const nextAction: Record<Stage, Localized> = {
  customer_access_pending: {
    nb: "Send kunden forklaringen på hvordan den bestiller tilgang hos Brreg, og trykk «Kunden har fått tilgang» når Brreg har bekreftet.",
    en: "Send the customer the explanation of how to order access from Brreg, and press “Customer has access” once Brreg has confirmed.",
  },
  order_pending: {
    nb: "Ingenting – e-posten til Brreg er i køen og sendes straks. Feiler sendingen, står svaret fra e-posttjeneren i tråden, med «Prøv igjen» når appen har gitt opp.",
    en: "Nothing – the email to Brreg is queued and goes out shortly. If sending fails, the mail server's answer is in the thread, with “Try again” once the app has given up.",
  },
  awaiting_brreg: {
    nb: "Vent på svar fra Brreg. Trykk «Brreg har bekreftet» hvis svaret kom utenom innboksen appen følger med på, eller hvis Brreg svarer at det ikke trengs noe mer fra dem (kan skje for produksjon).",
    en: "Wait for Brreg's reply. Press “Brreg confirmed” if the reply arrived outside the mailbox the app watches, or if Brreg answers that nothing more is needed from them (may happen for production).",
  },
  awaiting_delegation: {
    nb: "Send kunden veiledningen fra direktemeldingen: kunden gir organisasjonsnummeret deres fullmakt i Altinn under «Maskinportenadministrasjon». Er Maskinporten satt opp for miljøet, ser appen selv når delegeringen virker («Sjekk nå» spør med en gang); ellers trykk «Rapporter scope» når kunden har sagt hvilket scope den har.",
    en: "Send the customer the guidance from the direct message: the customer grants your organisation number access in Altinn under «Maskinportenadministrasjon». If Maskinporten is set up for the environment, the app notices by itself when the delegation works (“Check now” asks at once); otherwise press “Report scope” once the customer has said which scope it holds.",
  },
  completed: {
    nb: "Legg scopet til på Maskinporten-klienten deres og hent token med consumer_org satt til kundens organisasjonsnummer.",
    en: "Add the scope to your Maskinporten client and fetch a token with consumer_org set to the customer's organisation number.",
  },
  verified: {
    nb: "Ingenting – delegeringen virker. Er Maskinporten satt opp for miljøet, sjekker appen den igjen jevnlig.",
    en: "Nothing – the delegation works. If Maskinporten is set up for the environment, the app checks it again regularly.",
  },
  delegation_lost: {
    nb: "Be kunden gi fullmakt på nytt i Altinn under «Maskinportenadministrasjon» (teksten i tråden kan sendes med «Send til kunden»). Appen spør Maskinporten selv og flytter saken tilbake til verifisert når delegeringen virker igjen; «Sjekk nå» spør med en gang.",
    en: "Ask the customer to grant the access again in Altinn under «Maskinportenadministrasjon» (the text in the thread can be sent with “Send to customer”). The app asks Maskinporten by itself and moves the case back to verified once the delegation works again; “Check now” asks at once.",
  },
  cancelled: { nb: "Ingenting – saken er avbrutt.", en: "Nothing – the case is cancelled." },
};

/**
 * The fictitious route's own next actions where they differ: the vendor waits for Brreg's
 * fictitious company, confirms it, and then delegates from it to itself; production needs a
 * real customer.
 */
export const fictitiousNextAction: Partial<Record<Stage, Localized>> = {
  awaiting_brreg: {
    nb: "Vent på at Brreg oppretter den fiktive virksomheten og svarer. Når svaret er kommet, trykk «Bekreft fiktiv virksomhet» i tråden (appen foreslår organisasjonsnummeret og scopet fra svaret), eller «Brreg har bekreftet» hvis svaret kom utenom innboksen appen følger med på.",
    en: "Wait for Brreg to create the fictitious company and reply. Once the reply is in, press “Confirm fictitious company” in the thread (the app proposes the organisation number and scope from the reply), or “Brreg confirmed” if the reply arrived outside the mailbox the app watches.",
  },
  awaiting_delegation: {
    nb: "Deleger selv i Altinn TT02: logg inn som den fiktive personen, representer den fiktive virksomheten og gi deres eget organisasjonsnummer fullmakt under «Maskinportenadministrasjon» (stegene står i direktemeldingen). Er Maskinporten satt opp for TT02, ser appen selv når delegeringen virker («Sjekk nå» spør med en gang); ellers trykk «Rapporter scope» når dere har delegert.",
    en: "Delegate yourselves in Altinn TT02: log in as the fictitious person, act for the fictitious company and grant your own organisation number access under «Maskinportenadministrasjon» (the steps are in the direct message). If Maskinporten is set up for TT02, the app notices by itself when the delegation works (“Check now” asks at once); otherwise press “Report scope” once you have delegated.",
  },
  completed: {
    nb: "Legg scopet til på Maskinporten-klienten deres i TEST og hent token med consumer_org satt til den fiktive virksomhetens organisasjonsnummer. Produksjon krever en ekte kunde: trykk «Ny sak med ekte kunde».",
    en: "Add the scope to your Maskinporten client in TEST and fetch a token with consumer_org set to the fictitious company's organisation number. Production needs a real customer: press “New case, real customer”.",
  },
  verified: {
    nb: "Ingenting i TT02 – delegeringen fra den fiktive virksomheten virker, og appen sjekker den igjen jevnlig. Produksjon krever en ekte kunde: trykk «Ny sak med ekte kunde».",
    en: "Nothing in TT02 – the delegation from the fictitious company works, and the app checks it again regularly. Production needs a real customer: press “New case, real customer”.",
  },
  delegation_lost: {
    nb: "Deleger på nytt i Altinn TT02: logg inn som den fiktive personen, representer den fiktive virksomheten og gi deres eget organisasjonsnummer fullmakt under «Maskinportenadministrasjon». Appen spør Maskinporten selv og flytter saken tilbake til verifisert når delegeringen virker igjen; «Sjekk nå» spør med en gang.",
    en: "Delegate again in Altinn TT02: log in as the fictitious person, act for the fictitious company and grant your own organisation number access under «Maskinportenadministrasjon». The app asks Maskinporten by itself and moves the case back to verified once the delegation works again; “Check now” asks at once.",
  },
};

/** What to do next in a case of this stage on its route. */
export function nextActionOf(c: { stage: Stage; route: Route }): Localized {
  return (c.route === "fictitious" ? fictitiousNextAction[c.stage] : undefined) ?? nextAction[c.stage];
}

/** A case whose delegation works (scope found or reported, or the token fetched). */
export function works(stage: Stage): boolean {
  return stage === "completed" || stage === "verified";
}

/**
 * TT02 first, production next: a test case that works offers to order the same in production.
 * Not a fictitious one: production always needs a real customer.
 */
export function startsProduction(stage: Stage, environment: Environment, route: Route = "existing"): boolean {
  return route === "existing" && environment === "tt02" && works(stage);
}
