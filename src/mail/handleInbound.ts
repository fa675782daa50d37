import { environmentInfo, type Environment } from "../domain/environments.js";
import { isOpen, type Stage } from "../domain/stages.js";
import { advanceCase, type Services } from "../service/cases.js";
import type { Case } from "../store/cases.js";
import { claimInbound, linkInbound, releaseInbound, seenMessageId, unfinishedConfirmation, type Classification } from "../store/inbound.js";
import { isFromDomain, parseMail, type MailFacts } from "./classify.js";
import { findCaseFor, matchHints, type Match } from "./matcher.js";

/** One message as the mailbox gives it; the source lives in memory only, never stored. */
export interface IncomingMail {
  mailbox: string;
  uidValidity: bigint;
  uid: bigint;
  source: Buffer;
  receivedAt: Date;
}

export type Action = "confirm" | "report_bounce" | "post_unmatched" | "none";

export interface Decision {
  classification: Classification;
  action: Action;
}

/**
 * What a mail does, from what it is and which case it matched. Pure. Automatic replies and
 * delivery reports never move a case; only Brreg's own mail confirms; closed cases stay as they
 * are; mail from Brreg that fits no case goes to people.
 */
export function decide(facts: MailFacts, matched: Pick<Case, "stage"> | null, fromBrreg: boolean): Decision {
  const stage = matched ? (matched.stage as Stage) : null;
  if (facts.kind === "delivery_report") {
    if (stage && facts.deliveryFailed) return { classification: "bounce", action: isOpen(stage) ? "report_bounce" : "none" };
    return { classification: "ignored", action: "none" };
  }
  if (facts.kind === "auto_reply") return { classification: "auto_reply", action: "none" };
  if (stage && !isOpen(stage)) return { classification: "closed_case", action: "none" };
  // Brreg's name, but our server saw a DMARC failure: never a confirmation; a person decides.
  if (fromBrreg && facts.senderForged) return { classification: "unmatched", action: "post_unmatched" };
  if (stage === "awaiting_brreg" && fromBrreg) return { classification: "confirmation", action: "confirm" };
  if (!stage && fromBrreg) return { classification: "unmatched", action: "post_unmatched" };
  return { classification: "ignored", action: "none" };
}

const unreadable: MailFacts = {
  kind: "ordinary",
  deliveryFailed: false,
  messageId: null,
  from: null,
  recipients: [],
  subject: "",
  repliesTo: [],
  returnedIds: [],
  text: "",
  senderForged: false,
};

export interface Outcome {
  /** "duplicate": handled before (another replica, an earlier run, a second copy) */
  classification: Classification | "duplicate";
  reference: string | null;
}

/**
 * Handles one message once: reads it, matches it, claims it in InboundMail (which is what
 * makes it once across restarts and replicas), then acts. If acting fails the claim is given
 * back so the next pass tries again; the case move itself is idempotent.
 */
export async function handleInbound(svc: Services, mail: IncomingMail): Promise<Outcome> {
  const { rt, notifier } = svc;
  const { db } = rt;
  let facts: MailFacts;
  try {
    facts = await parseMail(mail.source);
  } catch {
    facts = unreadable;
  }
  const fromBrreg = isFromDomain(facts.from, rt.config.mail.brregDomain);
  const duplicate = facts.messageId !== null && (await seenMessageId(db, facts.messageId));
  const match: Match | null = duplicate ? null : await findCaseFor(db, matchHints(facts));
  const decision: Decision = duplicate ? { classification: "ignored", action: "none" } : decide(facts, match?.case ?? null, fromBrreg);

  const id = await claimInbound(db, {
    mailbox: mail.mailbox,
    uidValidity: mail.uidValidity,
    uid: mail.uid,
    messageId: facts.messageId,
    fromAddress: facts.from,
    subject: facts.subject,
    classification: decision.classification,
    caseId: match?.case.id ?? null,
    receivedAt: mail.receivedAt,
  });
  if (id === null || duplicate) {
    // Handled before, but a confirmation may not have landed: claimed, then the move failed and
    // the claim could not be given back. Finish it (the move is guarded, so twice is harmless).
    const unfinished = await unfinishedConfirmation(db, { mailbox: mail.mailbox, uidValidity: mail.uidValidity, uid: mail.uid, messageId: facts.messageId });
    if (!unfinished?.case) return { classification: "duplicate", reference: null };
    await confirm(svc, unfinished.case, unfinished.id, "retry", facts);
    return { classification: "confirmation", reference: unfinished.case.reference };
  }

  const c = match?.case ?? null;
  try {
    if (decision.action === "confirm" && c) {
      if (!(await confirm(svc, c, id, match!.via, facts))) return { classification: "ignored", reference: c.reference };
    } else if (decision.action === "report_bounce" && c) {
      await notifier.notify(c, { kind: "order_bounced", subject: facts.subject });
    } else if (decision.action === "post_unmatched") {
      await notifier.unmatchedMail({ inboundId: id, from: facts.from ?? "?", subject: facts.subject, receivedAt: mail.receivedAt, forged: facts.senderForged });
    }
  } catch (error) {
    await releaseInbound(db, id).catch(() => undefined);
    throw error;
  }
  return { classification: decision.classification, reference: c?.reference ?? null };
}

/**
 * Moves the case on Brreg's confirmation `inboundId`. False when the case had already moved on
 * without it (the mail is then recorded as ignored); true when it moved, now or by an earlier try.
 */
async function confirm(svc: Services, c: Case, inboundId: number, matchedBy: string, facts: MailFacts): Promise<boolean> {
  const { db } = svc.rt;
  const prepared = environmentInfo[c.environment as Environment]?.brregPrepares ?? false;
  const result = await advanceCase(
    svc,
    { reference: c.reference, to: "awaiting_delegation", actor: "mail", from: "awaiting_brreg", details: { via: "mail", matchedBy, inboundMailId: inboundId } },
    { kind: "brreg_confirmed", loginSentTo: prepared ? facts.recipients : [], viaMail: true, actor: "mail" },
  );
  if (result.status === "moved") return true;
  // Another replica may have finished this very claim first.
  const byThisMail = await db.caseEvent.count({
    where: { caseId: c.id, kind: "stage:awaiting_delegation", details: { path: ["inboundMailId"], equals: inboundId } },
  });
  if (byThisMail > 0) return true;
  await linkInbound(db, inboundId, c.id, "ignored");
  return false;
}
