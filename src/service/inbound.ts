import { isFromDomain } from "../mail/classify.js";
import { findCase, type Case } from "../store/cases.js";
import { findInbound, linkedReference, linkInbound, linkUnlinked, type InboundMail } from "../store/inbound.js";
import { advanceCase, type Services } from "./cases.js";

export type LinkResult =
  | { status: "linked"; case: Case; mail: InboundMail; confirmed: boolean }
  | { status: "no_mail" }
  | { status: "no_case" }
  /** someone else linked it first */
  | { status: "already_linked"; reference: string };

/**
 * Links a mail the watcher could not place to a case, by hand. Mail from Brreg about a case
 * that waits for Brreg counts as its confirmation, with the person who linked it as the actor.
 */
export async function linkMailToCase(svc: Services, input: { inboundId: number; reference: string; actor: string }): Promise<LinkResult> {
  const { rt } = svc;
  const mail = await findInbound(rt.db, input.inboundId);
  if (!mail) return { status: "no_mail" };
  const c = await findCase(rt.db, input.reference);
  if (!c) return { status: "no_case" };
  if (!(await linkUnlinked(rt.db, mail.id, c.id, input.actor, rt.now()))) {
    const reference = await linkedReference(rt.db, mail.id);
    if (!reference) return { status: "no_mail" };
    // Linked to another case: that stands. Linked to this one (an earlier try whose move failed):
    // go on and confirm, which is guarded and harmless twice.
    if (reference !== c.reference) return { status: "already_linked", reference };
  }

  let confirmed = false;
  if (isFromDomain(mail.fromAddress, rt.config.mail.brregDomain) && c.stage === "awaiting_brreg") {
    const result = await advanceCase(
      svc,
      { reference: c.reference, to: "awaiting_delegation", actor: input.actor, from: "awaiting_brreg", details: { via: "link_mail", inboundMailId: mail.id } },
      // The mail's recipients are not kept (only subject, sender and Message-ID are), so the
      // guidance says the login is in Brreg's email without naming where it went.
      { kind: "brreg_confirmed", loginSentTo: [], viaMail: false, actor: input.actor },
    );
    if (result.status === "moved") {
      await linkInbound(rt.db, mail.id, c.id, "confirmation");
      confirmed = true;
    }
  }
  const fresh = await findCase(rt.db, c.reference);
  return { status: "linked", case: fresh ?? c, mail, confirmed };
}
