import type { CaseRecord } from "../domain/caseRecord.js";
import { addWorkingDays } from "../domain/workingDays.js";
import type { CaseNotice } from "../domain/notices.js";
import { accessOf, type AnyOrder } from "../domain/order.js";
import { nextRecheckAt, nextWaitingPoll, type WaitingPollPolicy } from "../domain/pollSchedule.js";
import { canMove, initialStage, isWaitingStage, waitsForDelegation, type Stage } from "../domain/stages.js";
import type { Runtime } from "../runtime.js";
import { findCaseByReference, findCaseByCreationKey, insertCase, lockCase, markVerified, setOrderMessageId, updateStage, type StageFields } from "../store/cases.js";
import { logEvent } from "../store/events.js";
import { endPoll, startPoll } from "../store/delegationPolls.js";
import { clientFor } from "../maskinportenSettings.js";
import { cancelUnsent, insertOutbox, outboxOfKind } from "../store/outbox.js";
import { cancelOpenReminders, insertReminder } from "../store/reminders.js";
import { inTransaction, type Tx } from "../store/tx.js";
import { mailSettings, orderRow } from "./mail.js";
import type { Services } from "./services.js";

export interface NewCase {
  order: AnyOrder;
  workspaceId: string;
  ownerUserId: string;
  /** the Slack submission's identity: the same submission twice makes one case */
  creationKey: string;
}

export function findCase(svc: Services, reference: string): Promise<CaseRecord | null> {
  return findCaseByReference(svc.rt.db, reference);
}

/** When the n-th reminder of a waiting stage entered at `from` falls due: working days later, at the reminder hour. */
export function reminderDue(rt: Runtime, stage: Stage, from: Date): Date | null {
  if (!isWaitingStage(stage)) return null;
  const { workingDays, hour } = rt.config.reminders;
  return addWorkingDays(from, workingDays[stage], { hour });
}

/** The waiting polls' schedule, as configured. */
export function waitingPollPolicy(rt: Runtime): WaitingPollPolicy {
  const p = rt.config.delegationPoll;
  return { minSeconds: p.minSeconds, maxSeconds: p.maxSeconds, giveUpDays: p.giveUpDays, workHoursSeconds: p.workHoursSeconds, fastDays: p.fastDays };
}

/**
 * What entering a stage sets in motion, inside the transaction that moves the case: the stage's
 * first reminder, the order email for order_pending (one per case), the first Maskinporten poll
 * while waiting for the delegation and the first recheck of a verified one (when a client is
 * configured for the case's environment), and for a cancelled case nothing more to send.
 */
async function enterStage(rt: Runtime, tx: Tx, c: CaseRecord, now: Date): Promise<void> {
  const due = reminderDue(rt, c.stage, now);
  if (due && isWaitingStage(c.stage)) await insertReminder(tx, c.id, c.stage, 1, due, now);
  if (c.stage === "order_pending" && !(await outboxOfKind(tx, c.id, "order"))) {
    const row = orderRow(c, mailSettings(rt));
    await insertOutbox(tx, row, now);
    await setOrderMessageId(tx, c.id, row.messageId);
  }
  if (waitsForDelegation(c.stage) && clientFor(rt.config, c.environment)) {
    const first = nextWaitingPoll(now, now, 1, waitingPollPolicy(rt)) ?? new Date(now.getTime() + rt.config.delegationPoll.minSeconds * 1000);
    await startPoll(tx, c.id, first, now);
  }
  if (c.stage === "verified") {
    // Only a token verifies a case: it proved itself just now.
    await markVerified(tx, c.id, now, true);
    if (clientFor(rt.config, c.environment)) await startPoll(tx, c.id, nextRecheckAt(now, c.id, rt.config.delegationPoll.recheckHours * 3_600_000), now, "recheck");
  }
  if (c.stage === "cancelled") await cancelUnsent(tx, c.id, now);
}

/**
 * Creates the case `DLG-<n>` with its first event, its first reminder and, when the customer
 * already has access, the order email in the outbox, all in one transaction. A creationKey
 * seen before returns that case with created=false. Nobody is told unless `tell` records it in
 * the same transaction: openCase does that.
 */
export async function createCase(rt: Runtime, input: NewCase, tell?: (tx: Tx, c: CaseRecord) => Promise<void>): Promise<{ case: CaseRecord; created: boolean }> {
  const { db } = rt;
  const earlier = await findCaseByCreationKey(db, input.creationKey);
  if (earlier) return { case: earlier, created: false };
  const now = rt.now();
  try {
    const created = await inTransaction(db, async (tx) => {
      const stage = initialStage(accessOf(input.order));
      const c = await insertCase(tx, { ...input, stage }, now);
      await logEvent(tx, c.id, "created", input.ownerUserId, now, { stage, environment: c.environment, route: c.route });
      await enterStage(rt, tx, c, now);
      const stored = (await findCaseByReference(tx, c.reference)) ?? c;
      await tell?.(tx, stored);
      return stored;
    });
    return { case: created, created: true };
  } catch (error) {
    // Two deliveries of one submission raced: the loser finds the winner's case.
    const winner = await findCaseByCreationKey(db, input.creationKey);
    if (winner) return { case: winner, created: false };
    throw error;
  }
}

/** Creates the case (once per submission), with its root message and what its stage needs owed to Slack in the same transaction. */
export async function openCase(svc: Services, input: NewCase): Promise<{ case: CaseRecord; created: boolean }> {
  const { rt, notifier } = svc;
  const result = await createCase(rt, input, async (tx, c) => {
    await notifier.updateRootMessage(c, tx);
    await notifier.notify(c, { kind: "created", actor: input.ownerUserId }, tx);
    if (c.stage === "customer_access_pending") await notifier.notify(c, { kind: "customer_access_instructions" }, tx);
  });
  if (!result.created) return result;
  notifier.casesChanged(result.case.ownerUserId);
  wake(rt, result.case.stage);
  return result;
}

export interface Move {
  reference: string;
  to: Stage;
  /** Slack user id, or "mail"/"scheduler"/"system" */
  actor: string;
  /** the move is only wanted from this stage (a button rendered for it) */
  from?: Stage | undefined;
  details?: Record<string, string | number | boolean | null>;
  /** fields that change with the move (scope on completion, reason on cancel, the fictitious company on its confirmation) */
  set?: StageFields;
}

export type MoveResult = { status: "moved"; case: CaseRecord; from: Stage } | { status: "stale"; case: CaseRecord } | { status: "not_found" };

/**
 * Moves a case one allowed step, under the case's row lock. A move that no longer fits (someone
 * else moved it first) changes nothing. Nobody is told unless `tell` records it in the same
 * transaction: advanceCase does that.
 */
export async function moveCase(rt: Runtime, move: Move, tell?: (tx: Tx, c: CaseRecord, from: Stage) => Promise<void>): Promise<MoveResult> {
  const now = rt.now();
  return inTransaction(rt.db, async (tx) => {
    const c = await lockCase(tx, move.reference);
    if (!c) return { status: "not_found" } as const;
    const from = c.stage;
    if ((move.from && move.from !== from) || !canMove(from, move.to)) return { status: "stale", case: c } as const;
    // A fictitious case waits for its delegation only once its fictitious company is confirmed:
    // without it there is nothing to delegate from, nor to poll Maskinporten for.
    if (c.route === "fictitious" && move.to === "awaiting_delegation" && !(move.set?.fictitiousOrgnr ?? c.fictitiousOrgnr)) return { status: "stale", case: c } as const;
    const moved = await updateStage(tx, c.id, move.to, now, move.set);
    await logEvent(tx, c.id, `stage:${move.to}`, move.actor, now, { from, to: move.to, ...move.details });
    await cancelOpenReminders(tx, c.id, now);
    if (waitsForDelegation(from)) {
      // Only the poll itself moves a case on as "maskinporten" from these stages.
      await endPoll(tx, c.id, move.to === "cancelled" ? "cancelled" : move.actor === "maskinporten" ? "detected" : "reported", now);
    }
    await enterStage(rt, tx, moved, now);
    const stored = (await findCaseByReference(tx, c.reference)) ?? moved;
    await tell?.(tx, stored, from);
    return { status: "moved", case: stored, from } as const;
  });
}

/**
 * Moves a case and, in the same transaction, owes Slack the root message's new state and the
 * thread's notice. `notice` replaces the plain "moved" notice where the move has more to say
 * (Brreg's confirmation, the scope report).
 */
export async function advanceCase(svc: Services, move: Move, notice?: CaseNotice): Promise<MoveResult> {
  const { rt, notifier } = svc;
  const result = await moveCase(rt, move, async (tx, c, from) => {
    await notifier.updateRootMessage(c, tx);
    await notifier.notify(c, notice ?? { kind: "moved", from, to: move.to, actor: move.actor, reason: move.set?.closedReason }, tx);
  });
  if (result.status !== "moved") return result;
  notifier.casesChanged(result.case.ownerUserId);
  wake(rt, move.to);
  return result;
}

function wake(rt: Runtime, stage: Stage): void {
  if (stage === "order_pending") rt.signals.emit("outbox");
  rt.signals.emit("reminders");
}
