import type { Case } from "../generated/prisma/client.js";
import type { Order } from "../domain/order.js";
import { normalizeForSearch } from "../domain/search.js";
import { canMove, initialStage, type Stage } from "../domain/stages.js";
import type { Db } from "./db.js";
import { logEvent, type Tx } from "./events.js";
import { cancelUnsent, enqueueOrder, type MailSettings } from "./outbox.js";
import { cancelOpenReminders, scheduleFirstReminder, type ReminderSettings } from "./reminders.js";

export type { Case };

export interface CaseSettings {
  mail: MailSettings;
  reminders: ReminderSettings;
}

export interface NewCase {
  order: Order;
  workspaceId: string;
  ownerUserId: string;
  /** the Slack submission's identity: the same submission twice makes one case */
  creationKey: string;
}

export async function findCase(db: Db, reference: string): Promise<Case | null> {
  return db.case.findUnique({ where: { reference: reference.toUpperCase() } });
}

/**
 * Creates the case `DLG-<n>` with its first event, its first reminder and, when the customer
 * already has access, the order email in the outbox, all in one transaction. A creationKey
 * seen before returns that case with created=false.
 */
export async function createCase(db: Db, input: NewCase, settings: CaseSettings, now: Date): Promise<{ case: Case; created: boolean }> {
  const earlier = await db.case.findUnique({ where: { creationKey: input.creationKey } });
  if (earlier) return { case: earlier, created: false };
  try {
    const created = await db.$transaction(async (tx) => {
      const [{ id } = { id: 0 }] = await tx.$queryRaw<Array<{ id: number }>>`
        SELECT nextval(pg_get_serial_sequence('"Case"', 'id'))::int AS id`;
      const o = input.order;
      const stage = initialStage(o.customer_access);
      const c = await tx.case.create({
        data: {
          id,
          reference: `DLG-${id}`,
          workspaceId: input.workspaceId,
          environment: o.environment,
          stage,
          stageChangedAt: now,
          vendorOrgnr: o.vendor_orgnr,
          vendorName: o.vendor_name,
          vendorContactName: o.vendor_contact_name,
          vendorContactEmail: o.vendor_contact_email,
          vendorContactPhone: o.vendor_contact_phone,
          customerOrgnr: o.customer_orgnr,
          customerName: o.customer_name,
          customerNameSearch: normalizeForSearch(o.customer_name),
          customerContactName: o.customer_contact_name,
          customerContactEmail: o.customer_contact_email,
          customerContactPhone: o.customer_contact_phone,
          customerAccess: o.customer_access,
          ownerUserId: input.ownerUserId,
          creationKey: input.creationKey,
          createdAt: now,
        },
      });
      await logEvent(tx, c.id, "created", input.ownerUserId, now, { stage, environment: o.environment });
      await enterStage(tx, c, stage, settings, now);
      return tx.case.findUniqueOrThrow({ where: { id: c.id } });
    });
    return { case: created, created: true };
  } catch (error) {
    // Two deliveries of one submission raced: the loser finds the winner's case.
    const winner = await db.case.findUnique({ where: { creationKey: input.creationKey } });
    if (winner) return { case: winner, created: false };
    throw error;
  }
}

/** What entering a stage sets in motion, inside the transaction that moves the case. */
async function enterStage(tx: Tx, c: Case, stage: Stage, settings: CaseSettings, now: Date): Promise<void> {
  await scheduleFirstReminder(tx, c.id, stage, now, settings.reminders);
  if (stage === "order_pending") await enqueueOrder(tx, c, settings.mail, now);
  if (stage === "cancelled") await cancelUnsent(tx, c.id, now);
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

export type MoveResult =
  | { status: "moved"; case: Case; from: Stage }
  | { status: "stale"; case: Case }
  | { status: "not_found" };

/**
 * Moves a case one allowed step, under a row lock so concurrent clicks, mail and jobs see one
 * order of events. A move that no longer fits (someone else moved it first) changes nothing.
 */
export async function moveCase(db: Db, move: Move, settings: CaseSettings, now: Date): Promise<MoveResult> {
  return db.$transaction(async (tx) => {
    // NO KEY UPDATE: moves still queue behind each other, but other transactions' foreign-key
    // checks on this case (an event, an outbox row being marked sent) are not blocked. A full
    // FOR UPDATE deadlocked with the outbox worker: it held an outbox row and waited for the case,
    // while the move held the case and waited for that outbox row.
    const locked = await tx.$queryRaw<Array<{ id: number; stage: string }>>`
      SELECT id, stage FROM "Case" WHERE reference = ${move.reference.toUpperCase()} FOR NO KEY UPDATE`;
    const row = locked[0];
    if (!row) return { status: "not_found" } as const;
    const from = row.stage as Stage;
    if ((move.from && move.from !== from) || !canMove(from, move.to)) {
      return { status: "stale", case: await tx.case.findUniqueOrThrow({ where: { id: row.id } }) } as const;
    }
    const c = await tx.case.update({
      where: { id: row.id },
      data: {
        stage: move.to,
        stageChangedAt: now,
        ...(move.set?.scope !== undefined ? { scope: move.set.scope } : {}),
        ...(move.set?.closedReason !== undefined ? { closedReason: move.set.closedReason } : {}),
      },
    });
    await logEvent(tx, c.id, `stage:${move.to}`, move.actor, now, { from, to: move.to, ...move.details });
    await cancelOpenReminders(tx, c.id, now);
    await enterStage(tx, c, move.to, settings, now);
    return { status: "moved", case: await tx.case.findUniqueOrThrow({ where: { id: c.id } }), from } as const;
  });
}

/** Remembers where the case's root message is, so later events thread under it. */
/** Records the case's root message. False when another one was recorded first (the caller's is extra). */
export async function setThread(db: Db, caseId: number, channelId: string, threadTs: string): Promise<boolean> {
  const { count } = await db.case.updateMany({ where: { id: caseId, threadTs: null }, data: { channelId, threadTs } });
  return count > 0;
}

/** The case's root message as recorded now. */
export async function threadOf(db: Db, caseId: number): Promise<{ channelId: string | null; threadTs: string | null }> {
  const row = await db.case.findUnique({ where: { id: caseId }, select: { channelId: true, threadTs: true } });
  return { channelId: row?.channelId ?? null, threadTs: row?.threadTs ?? null };
}
