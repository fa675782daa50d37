// What waiting and verified cases cost in token requests: the app's own poll schedule
// (src/domain/pollSchedule.ts) run over a whole wait with the default settings, counted per day.
// Figures, not a test: `npx tsx bench/pollCost.ts` (and `npm run bench`).
import { nextWaitingPoll, type WaitingPollPolicy } from "../src/domain/pollSchedule.js";
import { calendarDateIn, isWorkingDay } from "../src/domain/workingDays.js";

const defaults: WaitingPollPolicy = { minSeconds: 900, maxSeconds: 14_400, giveUpDays: 30, workHoursSeconds: 300, fastDays: 5 };
const recheckHours = 24;

/** The polls of one case that waits from `start` until the give-up, by Oslo calendar day. */
function pollsPerDay(start: Date, policy: WaitingPollPolicy): Map<string, number> {
  const days = new Map<string, number>();
  let at = nextWaitingPoll(start, start, 1, policy);
  for (let failures = 2; at; failures++) {
    const { y, m, d } = calendarDateIn(at);
    const key = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    days.set(key, (days.get(key) ?? 0) + 1);
    at = nextWaitingPoll(at, start, failures, policy);
  }
  return days;
}

export function benchPollCost(): Promise<void> {
  // Brreg's confirmation on a Monday at 09:00 Oslo time (30 November 2026)
  const start = new Date("2026-11-30T08:00:00Z");
  const days = [...pollsPerDay(start, defaults)];
  console.log("polls of one waiting case, per day, with the default settings (each poll asks once per scope on the client):");
  for (const [day, polls] of days.slice(0, 10)) {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    console.log(`  ${day} ${isWorkingDay({ y, m, d }) ? "working day" : "weekend    "}  ${String(polls).padStart(4)}`);
  }
  const fastWeek = days.slice(0, 5).reduce((n, [, p]) => n + p, 0);
  const later = days.slice(14);
  const laterPerDay = later.reduce((n, [, p]) => n + p, 0) / later.length;
  const total = days.reduce((n, [, p]) => n + p, 0);
  console.log(`first five working days: ${fastWeek} polls (${(fastWeek / 5).toFixed(0)} a day); after the fast days: ${laterPerDay.toFixed(1)} a day; whole wait (${days.length} days): ${total}`);
  for (const n of [10, 100]) {
    console.log(`  ${n} waiting cases, one scope each: about ${Math.round((n * fastWeek) / 5)} token requests a working day in the first week, ${Math.round(n * laterPerDay)} a day after it`);
  }
  console.log(`verified cases: 1 token request per case every ${recheckHours} h (a TT02 case: plus 1 call to Brreg's RRH API); a refusal adds 1 confirming check`);
  return Promise.resolve();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPollCost();
