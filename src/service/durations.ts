import { stepDurations, stepOfStage, waitingLongerThanUsual, type Median, type Step } from "../domain/durations.js";
import type { CaseRecord } from "../domain/caseRecord.js";
import { stageEventsOfCasesWith } from "../store/events.js";
import type { Services } from "./services.js";

export type { Median, Step };

/** Medians are computed from at most this many of the latest cases that passed a step. */
export const durationSampleCap = 500;

// The events that end a measured step (domain/durations.ts reads where each starts and ends).
const stepEnds = ["stage:awaiting_delegation", "stage:completed", "stage:verified"] as const;

/** How long Brreg's answer and the customer's delegation usually take, in working days; null with fewer than 3 cases. */
export async function stepMedians(svc: Services): Promise<Record<Step, Median | null>> {
  return stepDurations(await stageEventsOfCasesWith(svc.rt.db, stepEnds, durationSampleCap));
}

/** The step the case waits for and its median, when the case has waited longer than that. */
export function longerThanUsual(c: Pick<CaseRecord, "stage" | "stageChangedAt">, medians: Record<Step, Median | null>, now: Date): { step: Step; median: Median } | null {
  const step = stepOfStage(c.stage);
  const median = step ? medians[step] : null;
  return step && median && waitingLongerThanUsual(c.stageChangedAt, now, median) ? { step, median } : null;
}
