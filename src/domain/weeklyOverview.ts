import type { CaseRecord } from "./caseRecord.js";
import type { Median, Step } from "./durations.js";
import type { OpenStage } from "./stages.js";

/** What the weekly overview (and `/delegering oversikt`) shows. */
export interface WeeklyOverview {
  /** open cases per stage, counted up to countCap */
  counts: Record<OpenStage, number>;
  countCap: number;
  /** the open cases, by stage in process order, oldest in its stage first (at most `listed`) */
  open: CaseRecord[];
  /** more open cases than listed */
  more: boolean;
  /** open cases that have waited longer than the step usually takes, with that step's median */
  late: Array<{ case: CaseRecord; step: Step; median: Median }>;
  /** cases verified in the last seven days */
  verified: CaseRecord[];
  medians: Record<Step, Median | null>;
}
