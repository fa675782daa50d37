import type { CaseRecord } from "../domain/caseRecord.js";
import { nextChannelAttempt, nextNoticeAttempt, noticeTargets, type ChannelNotice, type ChannelUnavailableNotice } from "../domain/noticeDelivery.js";
import type { Runtime } from "../runtime.js";
import { findCaseById } from "../store/cases.js";
import {
  bringForward,
  claimDueNotices,
  insertNotices,
  latestOwedRootId,
  markNoticePosted,
  nextNoticeDueAt,
  owedNotices,
  releaseNotice,
  renewNoticeLeases,
  retryNoticeAt,
  settleNotice,
  supersedeRootRows,
  insertOncePerChannelTrouble,
  type ClaimedNotice,
  type NewNotice,
} from "../store/slackNotices.js";
import { afterCommit, inTransaction, type Tx } from "../store/tx.js";
import type { Notifier } from "./notifier.js";
import type { Services } from "./services.js";

export type { ClaimedNotice };

// A notice is data: the services record it with the change (the Notifier below), and the Slack
// worker (src/slack/noticeWorker.ts) claims, posts and settles it through the functions after it.

/**
 * Delivery keeps the wall clock, whatever clock the cases keep (tests move theirs by years):
 * Slack's outages, its Retry-After and a lease are real seconds.
 */
export const deliveryClock = (): Date => new Date();

function wake(rt: Runtime): void {
  rt.signals.emit("notices");
}

/** Writes rows inside `tx` (the worker is woken once it commits), or on their own. */
async function record(rt: Runtime, rows: NewNotice[], tx: Tx | undefined): Promise<void> {
  await insertNotices(tx ?? rt.db, rows, deliveryClock());
  if (tx) afterCommit(tx, () => wake(rt));
  else wake(rt);
}

/**
 * The Notifier port as the app implements it: every notice becomes rows (a case notice one for
 * the thread, and one for the owner's DM where the notice calls for it). `casesChanged` is not
 * a post but a signal for Home, which the Slack side debounces after the commit.
 */
export function createNotifier(rt: Runtime, casesChanged: (ownerUserId: string) => void): Notifier {
  const toChannel = (notice: ChannelNotice, tx?: Tx) => record(rt, [{ caseId: null, kind: notice.kind, target: "channel", payload: notice }], tx);
  return {
    notify: (c, notice, tx) =>
      record(
        rt,
        noticeTargets(notice).map((target) => ({ caseId: c.id, kind: notice.kind, target, userId: target === "dm" ? c.ownerUserId : null, payload: notice })),
        tx,
      ),
    updateRootMessage: (c, tx) => record(rt, [{ caseId: c.id, kind: "root", target: "root", payload: {} }], tx),
    casesChanged,
    unmatchedMail: (mail, tx) => toChannel({ kind: "unmatched_mail", mail }, tx),
    weeklyOverview: (week, tx) => toChannel({ kind: "weekly_overview", week }, tx),
    mailPassedOver: (info, tx) => toChannel({ kind: "mail_passed_over", ...info }, tx),
    scopeNotOnClient: (notice, tx) => toChannel({ kind: "scope_not_on_client", notice }, tx),
    clientProblem: (notice, tx) => toChannel({ kind: "client_problem", notice }, tx),
    credentialExpiring: (notice, tx) => toChannel({ kind: "credential_expiry", notice }, tx),
  };
}

/** Claims up to `limit` due rows for worker `workerId` under a lease of `leaseMs`. */
export function claimNotices(svc: Services, workerId: string, leaseMs: number, limit: number): Promise<ClaimedNotice[]> {
  return claimDueNotices(svc.rt.db, deliveryClock(), { leaseMs, workerId, limit });
}

/** Keeps the worker's claims its own for another `leaseMs` while it works through them. */
export function renewNoticeClaims(svc: Services, claims: readonly ClaimedNotice[], workerId: string, leaseMs: number): Promise<number> {
  return renewNoticeLeases(
    svc.rt.db,
    claims.map((c) => c.id),
    workerId,
    new Date(deliveryClock().getTime() + leaseMs),
  );
}

/** The case a row belongs to, as it is now (a notice is rendered from it when posted). */
export function noticeCase(svc: Services, caseId: number): Promise<CaseRecord | null> {
  return findCaseById(svc.rt.db, caseId);
}

/** The newest root row of the case still owed: read before the case, so one post of the case as read covers it. */
export function latestRootOwed(svc: Services, caseId: number): Promise<number | null> {
  return latestOwedRootId(svc.rt.db, caseId);
}

/**
 * Slack took the post (`ts`). For a root message, `rootsUpTo` settles every root row of the case
 * up to it as well. False when the claim was no longer this worker's (its lease ran out).
 */
export function notePosted(svc: Services, claim: ClaimedNotice, ts: string, rootsUpTo?: number | null): Promise<boolean> {
  const now = deliveryClock();
  return inTransaction(svc.rt.db, async (tx) => {
    if (!(await markNoticePosted(tx, claim, ts, now))) return false;
    if (claim.caseId !== null && rootsUpTo) await supersedeRootRows(tx, claim.caseId, rootsUpTo, ts, now);
    return true;
  });
}

/** Slack refused this one message (its fallback has been tried): failed, never tried again. */
export function noteRefused(svc: Services, claim: ClaimedNotice, error: string): Promise<boolean> {
  return settleNotice(svc.rt.db, claim, { status: "failed", errorKind: "refused", error }, deliveryClock());
}

/** No longer meant (a reminder whose case moved on, a case that is gone): settled without a post. */
export function noteDropped(svc: Services, claim: ClaimedNotice, reason: string): Promise<boolean> {
  return settleNotice(svc.rt.db, claim, { status: "dropped", errorKind: "dropped", error: reason }, deliveryClock());
}

/** What went wrong with a try that is worth another: Slack (or the way to it) was in trouble, or the case channel refused the app. */
export interface PassingTrouble {
  kind: "transient" | "channel";
  error: string;
  /** Slack said when (HTTP 429's Retry-After) */
  retryAfterMs?: number | undefined;
  /** no answer came: Slack may have taken the post */
  uncertain: boolean;
}

/**
 * Records a failed try and when the next one is: Slack's trouble with a growing pause until
 * SLACK_NOTICE_GIVE_UP_HOURS after the row was written (then it fails: null), a channel that
 * refuses the app until it works.
 */
export async function noteTrouble(svc: Services, claim: ClaimedNotice, trouble: PassingTrouble): Promise<Date | null> {
  const now = deliveryClock();
  const next =
    trouble.kind === "channel"
      ? nextChannelAttempt(now, claim.attempts)
      : nextNoticeAttempt(now, claim.createdAt, claim.attempts, svc.rt.config.slack.noticeGiveUpHours, trouble.retryAfterMs);
  if (!next) {
    await settleNotice(svc.rt.db, claim, { status: "failed", errorKind: "gave_up", error: trouble.error }, now);
    return null;
  }
  await retryNoticeAt(svc.rt.db, claim, { at: next, errorKind: trouble.kind, error: trouble.error, uncertain: trouble.uncertain });
  return next;
}

/** A claimed row this worker did not try (it stops, or Slack asked it to wait): given back without counting. */
export function giveBack(svc: Services, claim: ClaimedNotice, at: Date = deliveryClock()): Promise<boolean> {
  return releaseNotice(svc.rt.db, claim, at);
}

/** Slack took a post again after trouble: the rows waiting out its trouble are due now, not after their pause. */
export function slackAnswersAgain(svc: Services): Promise<number> {
  return bringForward(svc.rt.db, ["transient"], deliveryClock());
}

/** The app can post in the case channel again (it was invited): what waited for it is due now, and the worker is woken. */
export async function channelWorksAgain(svc: Services): Promise<number> {
  const count = await bringForward(svc.rt.db, ["channel"], deliveryClock());
  wake(svc.rt);
  return count;
}

/**
 * The case channel refuses the app: its owner is told by DM what to do, once until the channel
 * takes a post again. True when this call wrote the DM.
 */
export async function tellOwnerOfChannelTrouble(svc: Services, c: CaseRecord, channel: string, error: string): Promise<boolean> {
  const notice: ChannelUnavailableNotice = { kind: "channel_unavailable", channel, error, reference: c.reference };
  const told = await insertOncePerChannelTrouble(svc.rt.db, { caseId: c.id, kind: notice.kind, target: "dm", userId: c.ownerUserId, payload: notice }, deliveryClock());
  if (told) wake(svc.rt);
  return told;
}

/** How many notices are still owed to Slack, of one case or of all. */
export function noticesOwed(svc: Services, caseId?: number): Promise<number> {
  return owedNotices(svc.rt.db, caseId);
}

/** When the worker should look again: the next owed row's retry time or lease end, or null when nothing is owed. */
export function nextNoticeDue(svc: Services): Promise<Date | null> {
  return nextNoticeDueAt(svc.rt.db);
}
