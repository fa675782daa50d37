import type { CaseRecord } from "../domain/caseRecord.js";
import { stageOfStep, steps, type Median, type Step } from "../domain/durations.js";
import type { OpenStage } from "../domain/stages.js";
import { isoWeekKey, weeklyOverviewDue } from "../domain/weekly.js";
import { casesInStage, casesWithEventSince } from "../store/cases.js";
import { listOpenCases, openCaseCounts } from "../store/caseQueries.js";
import { claimWeek, releaseWeek } from "../store/weekly.js";
import { longerThanUsual, stepMedians } from "./durations.js";
import { countCap } from "./queries.js";
import type { Services } from "./services.js";

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

/** Cases listed by name in the overview; the counts cover the rest. */
export const overviewListed = 40;
const lateChecked = 200;

export async function weeklyOverview(svc: Services): Promise<WeeklyOverview> {
  const { db } = svc.rt;
  const now = svc.rt.now();
  const [counts, page, medians, verified] = await Promise.all([
    openCaseCounts(db, countCap),
    listOpenCases(db, { scope: "alle", userId: "", pageSize: overviewListed }),
    stepMedians(svc),
    casesWithEventSince(db, "stage:verified", new Date(now.getTime() - 7 * 86_400_000), overviewListed),
  ]);
  const late: WeeklyOverview["late"] = [];
  for (const step of steps) {
    if (!medians[step]) continue;
    for (const c of await casesInStage(db, stageOfStep[step], lateChecked)) {
      const l = longerThanUsual(c, medians, now);
      if (l) late.push({ case: c, ...l });
    }
  }
  late.sort((a, b) => a.case.stageChangedAt.getTime() - b.case.stageChangedAt.getTime());
  return { counts, countCap, open: page.cases, more: Boolean(page.next), late, verified, medians };
}

/**
 * On Monday from REMINDER_HOUR (Oslo), the replica that claims the week (a row per week key,
 * INSERT … ON CONFLICT DO NOTHING) posts the overview in the case channel; every other replica,
 * and every later pass that week once it is posted, does nothing. True when this call posted it.
 */
export async function weeklyOverviewIfDue(svc: Services): Promise<boolean> {
  const { rt, notifier } = svc;
  const now = rt.now();
  if (!weeklyOverviewDue(now, rt.config.reminders.hour)) return false;
  const week = isoWeekKey(now);
  if (!(await claimWeek(rt.db, week, now))) return false;
  // Claimed before posting, so replicas post it once. A post Slack refused, or that never got an
  // answer, gives the week back for a later pass: at least once while Monday lasts (a post that
  // Slack took but whose answer was lost can then appear twice).
  let posted = false;
  try {
    posted = await notifier.weeklyOverview(await weeklyOverview(svc));
  } finally {
    if (!posted) await releaseWeek(rt.db, week);
  }
  return posted;
}
