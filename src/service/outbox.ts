import { nextAttempt } from "../domain/backoff.js";
import type { CaseNotice } from "../domain/notices.js";
import { findCaseByReference } from "../store/cases.js";
import { claimDue, currentSeries, markAttemptFailed, markSent, orderFailed as hasFailedOrder, renewLease, sentOrdersStillPending, stillClaimed as claimHolds, type ClaimedMessage } from "../store/outbox.js";
import { customerMailKindOfOutbox } from "../domain/customerMailKinds.js";
import { advanceCase } from "./cases.js";
import { customerMailActor } from "./customerMail.js";
import type { Services } from "./services.js";

// What the outbox worker (src/mail) asks of the data: claim due rows, check a claim, and record
// what the transport did, with the case moved on and the thread told. The worker only sends.

export type { ClaimedMessage };

/** What a transport did with one message. */
export type DeliveryOutcome = { mode: "smtp"; rejected: string[] } | { mode: "preview"; path: string };

/** A failed send: try again later, or stop and tell a person; `text` is safe to store and show. */
export interface SendFailure {
  temporary: boolean;
  text: string;
}

/** Claims up to `limit` due rows for this worker under a lease of `leaseMs`. */
export function claimDueMail(svc: Services, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
  return claimDue(svc.rt.db, svc.rt.now(), leaseMs, limit);
}

/** Whether a claimed row is still this claim's to send (not cancelled, not claimed again since). */
export function stillClaimed(svc: Services, row: ClaimedMessage): Promise<boolean> {
  return claimHolds(svc.rt.db, row);
}

/** Extends a claim's lease to `leaseMs` from now while its send is under way; false when the claim is no longer ours. */
export function renewClaim(svc: Services, row: ClaimedMessage, leaseMs: number): Promise<boolean> {
  return renewLease(svc.rt.db, row.id, row.attempts, new Date(svc.rt.now().getTime() + leaseMs));
}

/** Whether the case's order email has given up and waits for "Prøv igjen". */
export function orderFailed(svc: Services, caseId: number): Promise<boolean> {
  return hasFailedOrder(svc.rt.db, caseId);
}

function sentNotice(row: ClaimedMessage, delivery: DeliveryOutcome, at: Date): CaseNotice {
  if (delivery.mode === "preview") return { kind: row.kind === "order" ? "order_preview" : "followup_preview", path: delivery.path };
  if (row.kind !== "order") return { kind: "followup_sent", to: row.toAddresses, at };
  const cc = row.ccAddresses.filter((a) => !delivery.rejected.includes(a.toLowerCase()));
  return { kind: "order_sent", to: row.toAddresses, cc, at };
}

/** A sent order moves its case from order_pending to awaiting_brreg, the thread told `notice`. */
function moveOrderOn(svc: Services, row: ClaimedMessage, notice: CaseNotice) {
  return advanceCase(svc, { reference: row.case.reference, to: "awaiting_brreg", actor: "mail", from: "order_pending", details: { messageId: row.messageId } }, notice);
}

/**
 * Records that the message went out (or was written as a preview): the order moves its case to
 * awaiting_brreg; the thread is owed the news either way (for any other mail in the same
 * transaction as the record). False when another sender recorded it first.
 */
export async function recordDelivery(svc: Services, row: ClaimedMessage, delivery: DeliveryOutcome): Promise<boolean> {
  const { rt, notifier } = svc;
  const at = rt.now();
  const notice = sentNotice(row, delivery, at);
  const previewPath = delivery.mode === "preview" ? delivery.path : null;
  if (row.kind === "order") {
    if (!(await markSent(rt.db, row.id, at, previewPath))) return false;
    // If the move fails (or the process stops) here, moveSentOrdersOn makes it, notice and all.
    const moved = await moveOrderOn(svc, row, notice);
    // Cancelled (or moved by hand) while the email was on its way: it still went out, say so.
    if (moved.status === "stale") await notifier.notify(moved.case, notice);
    return true;
  }
  const c = await findCaseByReference(rt.db, row.case.reference);
  const told = c ? ((await customerMailNotice(svc, row, delivery, at)) ?? notice) : null;
  return markSent(rt.db, row.id, at, previewPath, async (tx) => {
    if (c && told) await notifier.notify(c, told, tx);
  });
}

/** The thread's notice for an e-mail to the customer: who sent which text to whom (null for other kinds). */
async function customerMailNotice(svc: Services, row: ClaimedMessage, delivery: DeliveryOutcome, at: Date): Promise<CaseNotice | null> {
  const mail = customerMailKindOfOutbox(row.kind);
  if (!mail) return null;
  const actor = await customerMailActor(svc, row.caseId, row.kind);
  if (delivery.mode === "preview") return { kind: "customer_mail_preview", mail, actor, to: row.toAddresses, cc: row.ccAddresses, path: delivery.path };
  const cc = row.ccAddresses.filter((a) => !delivery.rejected.includes(a.toLowerCase()));
  return { kind: "customer_mail_sent", mail, actor, to: row.toAddresses, cc, at };
}

/**
 * Records a failed attempt: a temporary failure is tried again on the doubling schedule until the
 * give-up window (counted from the row's creation or a person's latest retry) runs out; then, or
 * on a permanent failure, the row fails and the thread gets "Prøv igjen". The thread hears of
 * retrying once per series. Returns when the next attempt is, or null when it gave up.
 */
export async function recordSendFailure(svc: Services, row: ClaimedMessage, failure: SendFailure): Promise<Date | null> {
  const { rt, notifier } = svc;
  const now = rt.now();
  const series = failure.temporary ? await currentSeries(rt.db, row) : null;
  const next = series ? nextAttempt(now, series.since, row.attempts - series.earlierAttempts, rt.config.mail) : null;
  const outcome = next ? ({ status: "queued", nextAttemptAt: next, error: failure.text } as const) : ({ status: "failed", error: failure.text } as const);
  const c = await findCaseByReference(rt.db, row.case.reference);
  // An e-mail to the customer is named as such; the order's and follow-ups' go to Brreg.
  const mail = customerMailKindOfOutbox(row.kind);
  const notice: CaseNotice =
    outcome.status === "queued"
      ? mail
        ? { kind: "customer_mail_retrying", mail, error: failure.text, nextAttemptAt: outcome.nextAttemptAt }
        : { kind: "order_retrying", error: failure.text, nextAttemptAt: outcome.nextAttemptAt }
      : mail
        ? { kind: "customer_mail_failed", mail, error: failure.text, outboxId: row.id }
        : { kind: "order_failed", error: failure.text, outboxId: row.id };
  // The thread hears of retrying once per series, and of giving up: with the record, in its transaction.
  await markAttemptFailed(rt.db, row, outcome, now, async (tx, marked) => {
    if (c && (outcome.status === "failed" || marked.firstRetry)) await notifier.notify(c, notice, tx);
  });
  return next;
}

/**
 * Order emails recorded as sent whose case never left order_pending (the worker recorded the send
 * and then failed, or died, before moving the case): moved on now. A minute's grace: a send
 * recorded just now is still being moved on by its own worker.
 */
export async function moveSentOrdersOn(svc: Services, limit: number): Promise<void> {
  const { rt } = svc;
  for (const row of await sentOrdersStillPending(rt.db, new Date(rt.now().getTime() - 60_000), limit)) {
    const notice: CaseNotice = row.previewPath
      ? { kind: "order_preview", path: row.previewPath }
      : { kind: "order_sent", to: row.toAddresses, cc: row.ccAddresses, at: row.sentAt ?? rt.now() };
    await moveOrderOn(svc, row, notice);
  }
}
