// How long the two waits that nobody in the team controls usually take (Brreg's answer, the
// customer's delegation), in working days from cases' event logs. Pure: the caller reads the
// events and hands them in, and decides which open case to compare with which median.
import { z } from "zod";
import type { Locale, Localized } from "./locale.js";
import type { Stage } from "./stages.js";
import { workingDaysBetween } from "./workingDays.js";

/** One entry of a case's event log as the store keeps it (`CaseEvent.kind`, `CaseEvent.at`). */
export const caseEventSchema = z.object({ kind: z.string(), at: z.date() });
export type CaseEvent = z.infer<typeof caseEventSchema>;

/** The measured steps: Brreg's answer to the order, and the customer's delegation in Altinn. */
export const steps = ["brreg", "delegation"] as const;
export type Step = (typeof steps)[number];

// Where each step starts and ends in the event log ("stage:<stage>" is what the store logs on a move).
// A case can be closed as completed (scope reported) or go straight on to verified (token fetched):
// whichever came first is when the customer had delegated.
const stepBounds: Record<Step, { start: string; ends: readonly string[] }> = {
  brreg: { start: "stage:awaiting_brreg", ends: ["stage:awaiting_delegation"] },
  delegation: { start: "stage:awaiting_delegation", ends: ["stage:completed", "stage:verified"] },
};

/** The stage in which a case waits for the step, so an open case can be compared with its median. */
export const stageOfStep: Record<Step, Stage> = {
  brreg: "awaiting_brreg",
  delegation: "awaiting_delegation",
};

/** The step a case in `stage` is waiting for, or null when it is not waiting for either. */
export function stepOfStage(stage: Stage): Step | null {
  return steps.find((s) => stageOfStep[s] === stage) ?? null;
}

/** Fewer samples than this say more about chance than about Brreg or customers. */
export const minimumSamples = 3;

export type Median = { median: number; count: number };

// Earliest by time, not by array position: the caller need not sort the log.
function firstAt(events: readonly CaseEvent[], kinds: readonly string[]): Date | null {
  let first: Date | null = null;
  for (const e of events) if (kinds.includes(e.kind) && (first === null || e.at < first)) first = e.at;
  return first;
}

/**
 * Working days one case took for `step` (see workingDaysBetween): from the first start event to
 * the first end event. Null when the case has not got that far, or when the log has the end
 * before the start (a repaired or imported case), which would only skew the median.
 */
export function stepWorkingDays(events: readonly CaseEvent[], step: Step): number | null {
  const { start, ends } = stepBounds[step];
  const from = firstAt(events, [start]);
  const to = firstAt(events, ends);
  if (from === null || to === null || to < from) return null;
  return workingDaysBetween(from, to);
}

/**
 * The median of `samples`, or null with fewer than `minimumSamples` (3) finite samples. An even
 * count gives the mean of the two middle values, so 2, 3, 4, 10 → 3.5. Not rounded: display it
 * with formatMedian.
 */
export function medianWorkingDays(samples: readonly number[]): Median | null {
  const sorted = samples.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  const count = sorted.length;
  if (count < minimumSamples) return null;
  const mid = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, count };
}

/** The median of each step over `cases`, each given as its event log; null where too few cases got through the step. */
export function stepDurations(cases: ReadonlyArray<readonly CaseEvent[]>): Record<Step, Median | null> {
  const samplesOf = (step: Step) =>
    cases.map((events) => stepWorkingDays(events, step)).filter((n): n is number => n !== null);
  return { brreg: medianWorkingDays(samplesOf("brreg")), delegation: medianWorkingDays(samplesOf("delegation")) };
}

/**
 * A working-day count for display: at most one decimal, with the locale's decimal sign, and no
 * ",0" (4 → "4", 3.5 → "3,5" in nb and "3.5" in en). Medians of whole days are whole or .5, so
 * the rounding (half away from zero) only matters for values computed elsewhere. Done by hand
 * rather than with Intl so the text does not depend on the ICU data Node was built with.
 */
export function formatMedian(value: number, locale: Locale): string {
  const tenths = Math.round(Math.abs(value) * 10);
  const sign = value < 0 && tenths > 0 ? "-" : "";
  const whole = Math.floor(tenths / 10);
  const decimal = tenths % 10;
  const text = decimal === 0 ? `${whole}` : `${whole}${locale === "nb" ? "," : "."}${decimal}`;
  return sign + text;
}

/**
 * True when a case that entered its stage at `stageEnteredAt` has waited strictly more working
 * days than the median by `now` (6 against 3.5 is; 4 against 4 is not). False without a median,
 * so that a new team is not told everything is late.
 */
export function waitingLongerThanUsual(stageEnteredAt: Date, now: Date, median: Median | null): boolean {
  if (median === null) return false;
  return workingDaysBetween(stageEnteredAt, now) > median.median;
}

const dayWord = (value: number): Localized =>
  value === 1 ? { nb: "virkedag", en: "working day" } : { nb: "virkedager", en: "working days" };
const caseWord = (count: number): Localized => (count === 1 ? { nb: "sak", en: "case" } : { nb: "saker", en: "cases" });

const stepSentence: Record<Step, (days: string, cases: string) => Localized> = {
  brreg: (days, cases) => ({
    nb: `Brreg har svart etter median ${days} (${cases})`,
    en: `Brreg answered after a median of ${days} (${cases})`,
  }),
  delegation: (days, cases) => ({
    nb: `Kunden har delegert etter median ${days} (${cases})`,
    en: `Customers delegated after a median of ${days} (${cases})`,
  }),
};

/**
 * One line for an overview, without a closing full stop so the caller can join or append:
 * "Brreg har svart etter median 4 virkedager (12 saker)" /
 * "Brreg answered after a median of 4 working days (12 cases)".
 */
export function durationSentence(step: Step, median: Median, locale: Locale): string {
  const days = `${formatMedian(median.median, locale)} ${dayWord(median.median)[locale]}`;
  const cases = `${median.count} ${caseWord(median.count)[locale]}`;
  return stepSentence[step](days, cases)[locale];
}
