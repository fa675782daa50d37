import { nextAttempt } from "./backoff.js";
import { addWorkingDays, calendarDateIn, hourIn, isWorkingDay, workingDaysBetween, zonedTimeToInstant } from "./workingDays.js";

// When the app asks Maskinporten next about a case's delegation. Pure: the service applies it.

export interface WaitingPollPolicy {
  minSeconds: number;
  maxSeconds: number;
  giveUpDays: number;
  /** the pause on a working day 08–17 Oslo time, during the first `fastDays` working days */
  workHoursSeconds: number;
  fastDays: number;
}

/** Norwegian office hours, Oslo time: when a customer delegates, and the team wants to hear of it. */
export const workHours = { from: 8, to: 17 } as const;

/** Which working day of the wait `at` falls on: 1 for the first (the day it began, if that was one). */
function workingDayOfWait(startedAt: Date, at: Date): number {
  return workingDaysBetween(startedAt, at) + (isWorkingDay(calendarDateIn(startedAt)) ? 1 : 0);
}

/**
 * The earliest a fast poll may come: `now` plus the work-hours pause inside office hours of one
 * of the first `fastDays` working days, else the start (08:00) of the next such day; null when
 * the fast days are over.
 */
function fastPollAt(now: Date, startedAt: Date, policy: WaitingPollPolicy): Date | null {
  const today = calendarDateIn(now);
  const hour = hourIn(now);
  if (isWorkingDay(today) && hour >= workHours.from && hour < workHours.to) {
    return workingDayOfWait(startedAt, now) <= policy.fastDays ? new Date(now.getTime() + policy.workHoursSeconds * 1000) : null;
  }
  const opens = isWorkingDay(today) && hour < workHours.from ? zonedTimeToInstant(today, workHours.from) : addWorkingDays(now, 1, { hour: workHours.from });
  return workingDayOfWait(startedAt, opens) <= policy.fastDays ? opens : null;
}

/**
 * When a case waiting for the delegation is polled next, after `failures` polls without a token
 * (1 for the first poll, which comes `minSeconds` after the wait began): the pause doubles up to
 * `maxSeconds`, at any hour, but while the customer is at work in the first `fastDays` working
 * days it stays at `workHoursSeconds`, and a night's or weekend's long pause ends at 08:00 of
 * such a day. Null when the give-up time has come.
 */
export function nextWaitingPoll(now: Date, startedAt: Date, failures: number, policy: WaitingPollPolicy): Date | null {
  const regular = nextAttempt(now, startedAt, failures, { retryMinSeconds: policy.minSeconds, retryMaxSeconds: policy.maxSeconds, giveUpHours: policy.giveUpDays * 24 });
  if (!regular) return null;
  const fast = fastPollAt(now, startedAt, policy);
  return fast && fast < regular ? fast : regular;
}

/** The golden ratio's fraction: consecutive case ids land evenly spread over an interval. */
const phi = 0.6180339887498949;

/**
 * When a verified case is checked again: on its own slot of the interval (its phase set by its
 * id), so that hundreds of cases verified in the same minute (an import, an upgrade) do not ask
 * Maskinporten in the same minute ever after. The slot is the first one at least half an
 * interval from now: the gap between two checks stays between half and one and a half
 * intervals, a whole one on average.
 */
export function nextRecheckAt(now: Date, caseId: number, intervalMs: number): Date {
  const phase = ((caseId * phi) % 1) * intervalMs;
  const earliest = now.getTime() + intervalMs / 2;
  const slots = Math.ceil((earliest - phase) / intervalMs);
  return new Date(phase + slots * intervalMs);
}
