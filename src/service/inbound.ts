import type { CaseRecord } from "../domain/caseRecord.js";
import { sentMailKindOf } from "../domain/customerMailKinds.js";
import { brregProof, decide, matchHints, type Action, type Classification, type Decision, type MailFacts, type MatchHints } from "../domain/inboundMail.js";
import { mailPostsPerSenderHour } from "../domain/senderLimit.js";
import { findCaseByReference } from "../store/cases.js";
import { hasEventWith } from "../store/events.js";
import {
  caseByMessageIds,
  claimInbound,
  claimInboundLimited,
  linkInbound,
  openCasesBetween,
  releaseInbound,
  seenMessageId,
  unfinishedConfirmation,
} from "../store/inbound.js";
import { isOwnMessageId, outboxByMessageIds } from "../store/outbox.js";
import { inTransaction } from "../store/tx.js";
import { confirmFromBrreg } from "./brregConfirmation.js";
import { proposeFictitious } from "./fictitious.js";
import { pollAfterReply } from "./pollNow.js";
import type { Services } from "./services.js";

/** Where a message sits in the mailbox: what makes it one message across replicas and restarts. */
export interface MailboxKey {
  mailbox: string;
  uidValidity: bigint;
  uid: bigint;
}

export type Match = { case: CaseRecord; via: "message_id" | "reference" | "orgnrs" };

/**
 * Finds the case a mail is about: a Message-ID of ours that it answers (the order, or any email
 * of the case's outbox), else a [DLG-<n>] reference, else both org numbers of exactly one open
 * case. Null when nothing (or more than one open case) fits.
 */
export async function findCaseFor(svc: Services, hints: MatchHints): Promise<Match | null> {
  const { db } = svc.rt;
  if (hints.messageIds.length > 0) {
    const ids = [...new Set([...hints.messageIds, ...hints.messageIds.map((id) => id.toLowerCase())])];
    const c = await caseByMessageIds(db, ids);
    if (c) return { case: c, via: "message_id" };
  }
  for (const reference of hints.references) {
    const c = await findCaseByReference(db, reference);
    if (c) return { case: c, via: "reference" };
  }
  if (hints.orgnrs.length >= 2) {
    const candidates = await openCasesBetween(db, hints.orgnrs, 2);
    if (candidates.length === 1) return { case: candidates[0]!, via: "orgnrs" };
  }
  return null;
}

export interface Outcome {
  /** "duplicate": handled before (another replica, an earlier run, a second copy) */
  classification: Classification | "duplicate";
  reference: string | null;
}

/**
 * Handles one message once: matches it, claims it in InboundMail (which is what makes it once
 * across restarts and replicas) together with the notice it owes Slack, then acts. If the
 * confirmation's move fails the claim is given back so the next pass tries again; the move itself
 * is idempotent. `facts` come already redacted.
 */
export async function handleInbound(svc: Services, key: MailboxKey & { receivedAt: Date }, facts: MailFacts): Promise<Outcome> {
  const { rt, notifier } = svc;
  const { db } = rt;
  const { mail } = rt.config;
  const brreg = brregProof(facts, { domain: mail.brregDomain, authservId: mail.authservId, requireDmarcPass: mail.brregRequireDmarcPass });
  const duplicate = facts.messageId !== null && (await seenMessageId(db, facts.messageId));
  const match = duplicate ? null : await findCaseFor(svc, matchHints(facts));
  const decision: Decision = duplicate
    ? { classification: "ignored", action: "none" }
    : decide(facts, match ? { stage: match.case.stage, via: match.via } : null, brreg.proof, await isFromUs(svc, facts));

  const c = match?.case ?? null;
  const from = facts.from ?? "?";
  const returned = decision.action === "report_bounce" && c ? await outboxByMessageIds(db, facts.returnedIds) : null;
  const row = {
    ...key,
    messageId: facts.messageId,
    fromAddress: facts.from,
    subject: facts.subject,
    classification: decision.classification,
    caseId: match?.case.id ?? null,
  };
  // The claim and what it owes Slack (a bounce or reply in the thread, unmatched mail in the
  // channel) commit together; a confirmation moves the case after the claim, in its own step.
  const claim = await inTransaction(db, async (tx) => {
    // What a mail posts is limited per sender; Brreg's mail that our server passed DMARC never is.
    const claimed =
      postsToSlack(decision.action) && !brreg.dmarcPass
        ? await claimInboundLimited(tx, row, mailPostsPerSenderHour)
        : await claimInbound(tx, row).then((id) => (id === null ? null : { id, post: null }));
    if (claimed === null || duplicate) return claimed;
    const { id, post } = claimed;
    if (post === "held") {
      // Kept only: this sender's summary line this hour already said that more are not shown.
    } else if (post === "summary") {
      if (decision.action === "post_unmatched" || !c) {
        await notifier.unmatchedMail({ inboundId: id, from, subject: facts.subject, receivedAt: key.receivedAt, overLimit: mailPostsPerSenderHour }, tx);
      } else {
        await notifier.notify(c, { kind: "mail_held", from, perHour: mailPostsPerSenderHour }, tx);
      }
    } else if (decision.action === "report_bounce" && c) {
      await notifier.notify(c, { kind: "order_bounced", subject: facts.subject, mail: returned ? sentMailKindOf(returned.kind) : undefined }, tx);
    } else if (decision.action === "post_unproven" && c) {
      // Subject and sender only, as for any reply; a person judges it and may confirm by hand.
      await notifier.notify(c, { kind: "brreg_unproven", from, subject: facts.subject }, tx);
    } else if (decision.action === "post_reply" && c) {
      // Subject and sender only: the body may hold an identity number. It never moves the case,
      // but a customer who answers has often just delegated: the poll comes after the commit.
      await notifier.notify(c, { kind: "customer_replied", from, subject: facts.subject }, tx);
    } else if (decision.action === "post_unmatched") {
      await notifier.unmatchedMail(
        {
          inboundId: id,
          from,
          subject: facts.subject,
          receivedAt: key.receivedAt,
          forged: brreg.proof === "forged",
          unproven: brreg.proof === "unproven",
        },
        tx,
      );
    }
    return claimed;
  });
  if (claim === null || duplicate) {
    // Handled before, but a confirmation may not have landed: claimed, then the move failed and
    // the claim could not be given back. Finish it (the move is guarded, so twice is harmless).
    const unfinished = await unfinishedConfirmation(db, { ...key, messageId: facts.messageId });
    if (!unfinished?.case) return { classification: "duplicate", reference: null };
    await confirmByMail(svc, unfinished.case, unfinished.id, "retry", facts);
    return { classification: "confirmation", reference: unfinished.case.reference };
  }

  const { id } = claim;
  if (decision.action === "post_reply" && c) await pollAfterReply(svc, c);
  if (decision.action === "confirm" && c && match) {
    try {
      if (!(await confirmByMail(svc, c, id, match.via, facts))) return { classification: "ignored", reference: c.reference };
    } catch (error) {
      await releaseInbound(db, id).catch(() => undefined);
      throw error;
    }
  }
  return { classification: decision.classification, reference: c?.reference ?? null };
}

/** The actions that show a mail in Slack (what the per-sender limit counts). */
function postsToSlack(action: Action): boolean {
  return action === "report_bounce" || action === "post_reply" || action === "post_unproven" || action === "post_unmatched";
}

/** A copy of the app's own mail (its Message-ID, or sent from the app's address): nobody's reply. */
async function isFromUs(svc: Services, facts: MailFacts): Promise<boolean> {
  const own = svc.rt.config.mail.from;
  if (own && facts.from && facts.from.toLowerCase() === own.toLowerCase()) return true;
  return facts.messageId !== null && (await isOwnMessageId(svc.rt.db, facts.messageId));
}

/**
 * Confirms the case by Brreg's mail `inboundId`. False when the case had already moved on
 * without it (the mail is then recorded as ignored); true when it moved, now or by an earlier try.
 */
async function confirmByMail(svc: Services, c: CaseRecord, inboundId: number, matchedBy: string, facts: MailFacts): Promise<boolean> {
  const { db } = svc.rt;
  // The fictitious route moves on a person's confirmation of the company, never on the mail.
  if (c.route === "fictitious") {
    if ((await proposeFictitious(svc, c, { inboundId, matchedBy, facts })) !== "moved_on") return true;
    await linkInbound(db, inboundId, c.id, "ignored");
    return false;
  }
  const result = await confirmFromBrreg(svc, c, { kind: "mail", inboundId, matchedBy, recipients: facts.recipients });
  if (result.status === "moved") return true;
  // Another replica may have finished this very claim first.
  if (await hasEventWith(db, c.id, "stage:awaiting_delegation", "inboundMailId", inboundId)) return true;
  await linkInbound(db, inboundId, c.id, "ignored");
  return false;
}
