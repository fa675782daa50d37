import type { CaseRecord } from "../domain/caseRecord.js";
import { findFictitiousCompany } from "../domain/fictitiousCompany.js";
import type { MailFacts } from "../domain/inboundMail.js";
import { scopeSchema, type Scope } from "../domain/scopes.js";
import { clientFor } from "../maskinportenSettings.js";
import { findCaseByReference, lockCase } from "../store/cases.js";
import { hasEventWith, latestEventDetails, logEvent } from "../store/events.js";
import { inTransaction, type Queryable } from "../store/tx.js";
import { advanceCase, type MoveResult } from "./cases.js";
import { loginSentToDetail } from "../domain/personalData.js";
import type { Services } from "./services.js";

// The fictitious route's turn at Brreg's reply (DOMAIN.md): the app reads the fictitious company
// from the reply and proposes it; only a person's confirmation (with the org number and scope,
// edited if need be) moves the case on to the vendor's own delegation.


export interface FictitiousProposal {
  orgnr: string | null;
  scope: Scope | null;
}

/**
 * Brreg's reply `inboundId` on a fictitious case that waits for Brreg: what it names as the
 * fictitious company is recorded (an event) and proposed in the thread. Once per mail: a retry
 * of the same mail finds the event and tells nobody again ("proposed_before"); a case that no
 * longer waits for Brreg (confirmed by hand first) is left alone ("moved_on"). The identity number in the reply was
 * redacted before the text got here, and only the org number and scope are kept.
 */
export async function proposeFictitious(svc: Services, c: CaseRecord, mail: { inboundId: number; matchedBy: string; facts: MailFacts }): Promise<"proposed" | "proposed_before" | "moved_on"> {
  const { rt, notifier } = svc;
  const found = findFictitiousCompany(mail.facts.text, c.vendorOrgnr);
  const proposed = await inTransaction(rt.db, async (tx) => {
    const locked = await lockCase(tx, c.reference);
    if (locked?.stage !== "awaiting_brreg") return "moved_on" as const;
    if (await hasEventWith(tx, c.id, "fictitious_proposed", "inboundMailId", mail.inboundId)) return "proposed_before" as const;
    await logEvent(tx, c.id, "fictitious_proposed", "mail", rt.now(), {
      inboundMailId: mail.inboundId,
      matchedBy: mail.matchedBy,
      orgnr: found.orgnr,
      scope: found.scope,
      [loginSentToDetail]: mail.facts.recipients.join(","),
    });
    // The proposal commits with its notice: a retry finds the event, so it is told once.
    await notifier.notify(locked, { kind: "fictitious_proposed", orgnr: found.orgnr, scope: found.scope }, tx);
    return "proposed" as const;
  });
  return proposed;
}

async function latestProposal(svc: Services, c: Pick<CaseRecord, "id">): Promise<{ proposal: FictitiousProposal; loginSentTo: string[] }> {
  const details = (await latestEventDetails(svc.rt.db, c.id, "fictitious_proposed")) ?? {};
  const orgnr = typeof details.orgnr === "string" ? details.orgnr : null;
  const scope = scopeSchema.safeParse(details.scope);
  const sentTo = details[loginSentToDetail];
  return { proposal: { orgnr, scope: scope.success ? scope.data : null }, loginSentTo: typeof sentTo === "string" && sentTo ? sentTo.split(",") : [] };
}

/** Whether Brreg's reply came on a fictitious case: its company then waits only for a person to confirm it. */
export async function brregReplied(db: Queryable, c: Pick<CaseRecord, "id" | "route">): Promise<boolean> {
  return c.route === "fictitious" && (await latestEventDetails(db, c.id, "fictitious_proposed")) !== null;
}

/** What the confirmation modal starts with: the latest proposal from Brreg's reply, or nothing. */
export async function fictitiousProposal(svc: Services, c: Pick<CaseRecord, "id">): Promise<FictitiousProposal> {
  return (await latestProposal(svc, c)).proposal;
}

export interface FictitiousConfirmation {
  reference: string;
  /** validated: a valid org number, not the vendor's */
  orgnr: string;
  scope: Scope;
  actor: string;
}

/**
 * A person confirmed the fictitious company: awaiting_brreg → awaiting_delegation with its org
 * number and scope, and the owner's DM says what the vendor does itself in Altinn TT02. From here
 * the case is a TT02 case like any other: the app polls Maskinporten with consumer_org = the
 * fictitious company.
 */
export async function confirmFictitious(svc: Services, input: FictitiousConfirmation): Promise<MoveResult> {
  const { rt } = svc;
  const { orgnr, scope, actor } = input;
  const c = await findCaseByReference(rt.db, input.reference);
  const loginSentTo = c ? (await latestProposal(svc, c)).loginSentTo : [];
  return advanceCase(
    svc,
    {
      reference: input.reference,
      from: "awaiting_brreg",
      to: "awaiting_delegation",
      actor,
      set: { fictitiousOrgnr: orgnr, fictitiousScope: scope, loginSentTo },
      details: { via: "confirm_fictitious", fictitiousOrgnr: orgnr, fictitiousScope: scope, ...(loginSentTo.length ? { [loginSentToDetail]: loginSentTo.join(",") } : {}) },
    },
    { kind: "fictitious_confirmed", orgnr, scope, actor, loginSentTo, autoDetect: clientFor(rt.config, "tt02") !== undefined },
  );
}
