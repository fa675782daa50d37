import { stageOfStep, steps } from "../domain/durations.js";
import { isoWeekKey, weeklyOverviewDue } from "../domain/weekly.js";
import type { WeeklyOverview } from "../domain/weeklyOverview.js";
import { casesInStage, casesWithEventSince } from "../store/cases.js";
import { listOpenCases, openCaseCounts } from "../store/caseQueries.js";
import { claimWeek } from "../store/weekly.js";
import { inTransaction } from "../store/tx.js";
import { longerThanUsual, stepMedians } from "./durations.js";
import { countCap } from "./queries.js";
import type { Services } from "./services.js";

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
 * INSERT … ON CONFLICT DO NOTHING) owes the case channel the overview, in the claim's own
 * transaction: the Slack worker posts it (with the cases as they are then), however long Slack
 * takes. Every other replica, and every later pass that week, does nothing. True when this call
 * claimed it.
 */
export async function weeklyOverviewIfDue(svc: Services): Promise<boolean> {
  const { rt, notifier } = svc;
  const now = rt.now();
  if (!weeklyOverviewDue(now, rt.config.reminders.hour)) return false;
  const week = isoWeekKey(now);
  return inTransaction(rt.db, async (tx) => {
    if (!(await claimWeek(tx, week, now))) return false;
    await notifier.weeklyOverview(week, tx);
    return true;
  });
}
