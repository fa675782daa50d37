import type { CaseRecord } from "../domain/caseRecord.js";
import { isFromDomain } from "../domain/inboundMail.js";
import { casesInStage, findCaseByReference, findCaseById } from "../store/cases.js";
import { findInbound, linkedReference, linkInbound, linkUnlinked, type InboundMail } from "../store/inbound.js";
import { confirmFromBrreg } from "./brregConfirmation.js";
import type { Services } from "./services.js";

// Linking by hand a mail the inbox watcher could not place: the "Koble til sak" modal's data and its submission.

export type { InboundMail };

export type LinkCandidates =
  | { status: "ok"; mail: InboundMail; waiting: CaseRecord[] }
  | { status: "no_mail" }
  /** the mail is tied to a case already */
  | { status: "already_linked"; reference: string };

/** What the "Koble til sak" modal offers: the mail, and the cases that wait for Brreg (newest first). */
export async function linkCandidates(svc: Services, inboundId: number): Promise<LinkCandidates> {
  const { db } = svc.rt;
  const mail = Number.isSafeInteger(inboundId) && inboundId > 0 ? await findInbound(db, inboundId) : null;
  if (!mail) return { status: "no_mail" };
  if (mail.caseId !== null) {
    const linked = await findCaseById(db, mail.caseId);
    if (linked) return { status: "already_linked", reference: linked.reference };
  }
  return { status: "ok", mail, waiting: await casesInStage(db, "awaiting_brreg", 100) };
}

export function findMail(svc: Services, inboundId: number): Promise<InboundMail | null> {
  return findInbound(svc.rt.db, inboundId);
}

export type LinkResult =
  | { status: "linked"; case: CaseRecord; mail: InboundMail; confirmed: boolean }
  | { status: "no_mail" }
  | { status: "no_case" }
  /** someone else linked it first */
  | { status: "already_linked"; reference: string };

/**
 * Links a mail the watcher could not place to a case, by hand. Mail from Brreg's domain (exactly;
 * no subdomain) about a case that waits for Brreg counts as its confirmation, with the person
 * who linked it as the actor: their link is their judgement, DMARC or not.
 */
export async function linkMailToCase(svc: Services, input: { inboundId: number; reference: string; actor: string }): Promise<LinkResult> {
  const { rt } = svc;
  const mail = await findInbound(rt.db, input.inboundId);
  if (!mail) return { status: "no_mail" };
  const c = await findCaseByReference(rt.db, input.reference);
  if (!c) return { status: "no_case" };
  if (!(await linkUnlinked(rt.db, mail.id, c.id, input.actor, rt.now()))) {
    const reference = await linkedReference(rt.db, mail.id);
    if (!reference) return { status: "no_mail" };
    // Linked to another case: that stands. Linked to this one (an earlier try whose move failed):
    // go on and confirm, which is guarded and harmless twice.
    if (reference !== c.reference) return { status: "already_linked", reference };
  }

  let confirmed = false;
  // Only the mail's subject and sender are kept, so a fictitious case's company is confirmed by hand.
  if (isFromDomain(mail.fromAddress, rt.config.mail.brregDomain) && c.stage === "awaiting_brreg" && c.route === "existing") {
    const result = await confirmFromBrreg(svc, c, { kind: "link_mail", inboundId: mail.id, actor: input.actor });
    if (result.status === "moved") {
      await linkInbound(rt.db, mail.id, c.id, "confirmation");
      confirmed = true;
    }
  }
  const fresh = await findCaseByReference(rt.db, c.reference);
  return { status: "linked", case: fresh ?? c, mail, confirmed };
}
