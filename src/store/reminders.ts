import { addWorkingDays } from "../domain/workingDays.js";
import type { Stage } from "../domain/stages.js";
import type { Tx } from "./events.js";

export type WaitingStage = "customer_access_pending" | "awaiting_brreg" | "awaiting_delegation";

export interface ReminderSettings {
  workingDays: Record<WaitingStage, number>;
  hour: number;
}

export function isWaitingStage(stage: Stage): stage is WaitingStage {
  return stage === "customer_access_pending" || stage === "awaiting_brreg" || stage === "awaiting_delegation";
}

/** The first reminder of a waiting stage, set working days after the case entered it. */
export async function scheduleFirstReminder(tx: Tx, caseId: number, stage: Stage, now: Date, settings: ReminderSettings): Promise<void> {
  if (!isWaitingStage(stage)) return;
  const dueAt = addWorkingDays(now, settings.workingDays[stage], { hour: settings.hour });
  await tx.reminder.create({ data: { caseId, kind: stage, sequence: 1, dueAt, createdAt: now } });
}

/** A stage change ends the old stage's reminders at once. */
export async function cancelOpenReminders(tx: Tx, caseId: number, now: Date): Promise<number> {
  const { count } = await tx.reminder.updateMany({
    where: { caseId, doneAt: null },
    data: { doneAt: now, outcome: "cancelled" },
  });
  return count;
}
