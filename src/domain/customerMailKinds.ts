import type { CustomerMailKind } from "./customerEmail.js";
import type { Route } from "./routes.js";
import type { Stage } from "./stages.js";

// Which text «Send til kunden» sends, and how its outbox rows are named. One button
// (`send_to_customer`, value = the reference) serves both texts: the case's stage decides.

/** The text for the customer that the stage calls for; null when there is none to send now (never on the fictitious route: there is no customer). */
export function customerMailKindFor(stage: Stage, route: Route = "existing"): CustomerMailKind | null {
  if (route === "fictitious") return null;
  if (stage === "customer_access_pending") return "customer_access";
  // A delegation that stopped working is asked for again, along the same Altinn path.
  if (stage === "awaiting_delegation" || stage === "delegation_lost") return "delegation_guidance";
  return null;
}

/** Outbox kinds are unique per case, so each e-mail to the customer is numbered: `customer-access-<n>`. */
export const customerMailOutboxPrefix: Record<CustomerMailKind, "customer-access-" | "customer-guidance-"> = {
  customer_access: "customer-access-",
  delegation_guidance: "customer-guidance-",
};

/** The customer e-mail an outbox kind names, or null for the order and the follow-ups. */
export function customerMailKindOfOutbox(outboxKind: string): CustomerMailKind | null {
  if (outboxKind.startsWith(customerMailOutboxPrefix.customer_access)) return "customer_access";
  if (outboxKind.startsWith(customerMailOutboxPrefix.delegation_guidance)) return "delegation_guidance";
  return null;
}

/** Which of the app's e-mails an outbox kind is: what a bounce notice names. */
export type SentMailKind = "order" | "followup" | CustomerMailKind;

export function sentMailKindOf(outboxKind: string): SentMailKind {
  if (outboxKind === "order") return "order";
  return customerMailKindOfOutbox(outboxKind) ?? "followup";
}
