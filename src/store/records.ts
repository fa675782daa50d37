import { z } from "zod";
import type { CaseRecord } from "../domain/caseRecord.js";
import { environmentSchema } from "../domain/environments.js";
import { customerAccessSchema } from "../domain/order.js";
import { routeSchema } from "../domain/routes.js";
import { stageSchema, waitingStageSchema, type WaitingStage } from "../domain/stages.js";
import type { Case as CaseRow, OutboxMessage as OutboxRow, Reminder as ReminderRow } from "../generated/prisma/client.js";

// Prisma hands stages, environments and kinds back as plain strings. They are parsed here, at
// the store's edge, so nothing above it needs a cast; a row that does not parse is a bug or a
// hand-edited database, and fails loudly where it is read.

/** A stored case as the rest of the app reads it: the row with its coded columns parsed into domain types. */
export function toCase(row: CaseRow): CaseRecord {
  return {
    ...row,
    stage: stageSchema.parse(row.stage),
    environment: environmentSchema.parse(row.environment),
    customerAccess: customerAccessSchema.parse(row.customerAccess),
    route: routeSchema.parse(row.route),
  };
}

export function toCaseOrNull(row: CaseRow | null): CaseRecord | null {
  return row ? toCase(row) : null;
}

/** What an outbox row is: the order, the n-th follow-up to Brreg. */
export const outboxKindSchema = z.union([
  z.literal("order"),
  z.templateLiteral(["followup-", z.number().int().positive()]),
  z.templateLiteral(["customer-access-", z.number().int().positive()]),
  z.templateLiteral(["customer-guidance-", z.number().int().positive()]),
]);
export type OutboxKind = z.infer<typeof outboxKindSchema>;

export const outboxStatusSchema = z.enum(["queued", "sent", "failed", "cancelled"]);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export type OutboxMessage = Omit<OutboxRow, "kind" | "status"> & { kind: OutboxKind; status: OutboxStatus };

export function toOutbox(row: OutboxRow): OutboxMessage {
  return { ...row, kind: outboxKindSchema.parse(row.kind), status: outboxStatusSchema.parse(row.status) };
}

export type Reminder = Omit<ReminderRow, "kind"> & { kind: WaitingStage };

export function toReminder(row: ReminderRow): Reminder {
  return { ...row, kind: waitingStageSchema.parse(row.kind) };
}
