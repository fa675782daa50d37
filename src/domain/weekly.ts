// The weekly overview: posted once a week, on Monday at the reminder hour (Europe/Oslo).
import { calendarDateIn, zonedTimeToInstant, type CalendarDate } from "./workingDays.js";

function weekday(date: CalendarDate): number {
  // 1 = Monday … 7 = Sunday
  const d = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week of `now`'s date in Oslo, as "2026-W10": the key that claims one week's overview. */
export function isoWeekKey(now: Date): string {
  const date = calendarDateIn(now);
  const day = Date.UTC(date.y, date.m - 1, date.d);
  // The Thursday of this ISO week decides the year.
  const thursday = new Date(day + (4 - weekday(date)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** True on a Monday in Oslo from `hour`:00 on: the week's overview is due (once; the caller claims it). */
export function weeklyOverviewDue(now: Date, hour: number): boolean {
  const date = calendarDateIn(now);
  return weekday(date) === 1 && now.getTime() >= zonedTimeToInstant(date, hour).getTime();
}
