import { durationSentence, steps, type Median, type Step } from "../../domain/durations.js";
import { durationText } from "../messages/durations.js";
import type { Locale } from "../messages/locale.js";

/** One line per step that has a median (at least 3 cases), e.g. "Brreg har svart etter median 4 virkedager (12 saker)". */
export function medianLines(medians: Record<Step, Median | null> | undefined, locale: Locale): string[] {
  if (!medians) return [];
  return steps.flatMap((s) => {
    const m = medians[s];
    return m ? [durationSentence(s, m, locale)] : [];
  });
}

/** The reminder's line for a case waiting longer than the median. */
export function longerLine(longer: { step: Step; median: number; count: number }, locale: Locale): string {
  return durationText[locale].longer(durationSentence(longer.step, { median: longer.median, count: longer.count }, locale));
}
