import { addWorkingDays } from "../domain/workingDays.js";
import type { CaseNotice } from "../domain/notices.js";
import type { Order } from "../domain/order.js";
import { nextRecheckAt, nextWaitingPoll, type WaitingPollPolicy } from "../domain/pollSchedule.js";
import { canMove, initialStage, isWaitingStage, waitsForDelegation, type Stage } from "../domain/stages.js";
import type { Runtime } from "../runtime.js";
import { findCase as readCase, findCaseByCreationKey, insertCase, lockCase, markVerified, setOrderMessageId, updateStage, type Case } from "../store/cases.js";
import { logEvent } from "../store/events.js";
import { endPoll, startPoll } from "../store/delegationPolls.js";
import { clientFor } from "../integrations/maskinporten.js";
import { cancelUnsent, insertOutbox, outboxOfKind } from "../store/outbox.js";
import { cancelOpenReminders, insertReminder } from "../store/reminders.js";
import { inTransaction, type Tx } from "../store/tx.js";
import { mailSettings, orderRow } from "./mail.js";
import type { Services } from "./services.js";

export type { Case };

export interface NewCase {
  order: Order;
  workspaceId: string;
  ownerUserId: string;
  /** the Slack submission's identity: the same submission twice makes one case */
  creationKey: string;
}

export function findCase(svc: Services, reference: string): Promise<Case | null> {
  return readCase(svc.rt.db, reference);
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
async function enterStage(rt: Runtime, tx: Tx, c: Case, now: Date): Promise<void> {
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
 * seen before returns that case with created=false. Nobody is told: openCase does that.
 */
export async function createCase(rt: Runtime, input: NewCase): Promise<{ case: Case; created: boolean }> {
  const { db } = rt;
  const earlier = await findCaseByCreationKey(db, input.creationKey);
  if (earlier) return { case: earlier, created: false };
  const now = rt.now();
  try {
    const created = await inTransaction(db, async (tx) => {
      const stage = initialStage(input.order.customer_access);
      const c = await insertCase(tx, { ...input, stage }, now);
      await logEvent(tx, c.id, "created", input.ownerUserId, now, { stage, environment: c.environment });
      await enterStage(rt, tx, c, now);
      return (await readCase(tx, c.reference)) ?? c;
    });
    return { case: created, created: true };
  } catch (error) {
    // Two deliveries of one submission raced: the loser finds the winner's case.
    const winner = await findCaseByCreationKey(db, input.creationKey);
    if (winner) return { case: winner, created: false };
    throw error;
  }
}

/** Creates the case (once per submission), posts its root message and what its stage needs. */
export async function openCase(svc: Services, input: NewCase): Promise<{ case: Case; created: boolean }> {
  const { rt, notifier } = svc;
  const result = await createCase(rt, input);
  if (!result.created) return result;
  await notifier.notify(result.case, { kind: "created", actor: input.ownerUserId });
  if (result.case.stage === "customer_access_pending") {
    await notifier.notify(result.case, { kind: "customer_access_instructions" });
  }
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
  /** fields that change with the move (scope on completion, reason on cancel) */
  set?: { scope?: string; closedReason?: string };
}

export type MoveResult = { status: "moved"; case: Case; from: Stage } | { status: "stale"; case: Case } | { status: "not_found" };

/**
 * Moves a case one allowed step, under the case's row lock. A move that no longer fits (someone
 * else moved it first) changes nothing. Nobody is told: advanceCase does that.
 */
export async function moveCase(rt: Runtime, move: Move): Promise<MoveResult> {
  const now = rt.now();
  return inTransaction(rt.db, async (tx) => {
    const c = await lockCase(tx, move.reference);
    if (!c) return { status: "not_found" } as const;
    const from = c.stage;
    if ((move.from && move.from !== from) || !canMove(from, move.to)) return { status: "stale", case: c } as const;
    const moved = await updateStage(tx, c.id, move.to, now, move.set);
    await logEvent(tx, c.id, `stage:${move.to}`, move.actor, now, { from, to: move.to, ...move.details });
    await cancelOpenReminders(tx, c.id, now);
    if (waitsForDelegation(from)) {
      // Only the poll itself moves a case on as "maskinporten" from these stages.
      await endPoll(tx, c.id, move.to === "cancelled" ? "cancelled" : move.actor === "maskinporten" ? "detected" : "reported", now);
    }
    await enterStage(rt, tx, moved, now);
    return { status: "moved", case: (await readCase(tx, c.reference)) ?? moved, from } as const;
  });
}

/**
 * Moves a case and tells the thread. `notice` replaces the plain "moved" notice where the move
 * has more to say (Brreg's confirmation, the scope report).
 */
export async function advanceCase(svc: Services, move: Move, notice?: CaseNotice): Promise<MoveResult> {
  const { rt, notifier } = svc;
  const result = await moveCase(rt, move);
  if (result.status !== "moved") return result;
  await notifier.refresh(result.case);
  await notifier.notify(result.case, notice ?? { kind: "moved", from: result.from, to: move.to, actor: move.actor, reason: move.set?.closedReason });
  notifier.casesChanged(result.case.ownerUserId);
  wake(rt, move.to);
  return result;
}

function wake(rt: Runtime, stage: Stage): void {
  if (stage === "order_pending") rt.signals.emit("outbox");
  rt.signals.emit("reminders");
}
