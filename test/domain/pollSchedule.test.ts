import { describe, expect, it } from "vitest";
import { nextRecheckAt, nextWaitingPoll } from "../../src/domain/pollSchedule.js";

const day = 86_400_000;

describe("rechecks of verified cases", () => {
  it("come between half and one and a half intervals later, on the case's own slot", () => {
    const now = new Date("2026-12-01T09:00:00Z");
    for (const id of [1, 2, 17, 500, 123_456]) {
      const first = nextRecheckAt(now, id, day);
      expect(first.getTime() - now.getTime(), `case ${id}`).toBeGreaterThanOrEqual(day / 2);
      expect(first.getTime() - now.getTime(), `case ${id}`).toBeLessThan((3 * day) / 2);
      // checked at its slot, the next is one interval later: the slot does not drift
      expect(nextRecheckAt(first, id, day).getTime() - first.getTime()).toBe(day);
    }
  });

  it("spread cases verified in the same minute over the whole interval", () => {
    const now = new Date("2026-12-01T09:00:00Z");
    const buckets = new Array<number>(100).fill(0);
    for (let id = 1; id <= 500; id++) {
      const at = nextRecheckAt(now, id, day).getTime() - now.getTime() - day / 2;
      buckets[Math.floor((at / day) * 100)]! += 1;
    }
    // 5 a bucket on average (each bucket ~15 minutes); never a crowd in one
    expect(Math.max(...buckets)).toBeLessThanOrEqual(8);
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(2);
  });
});

describe("polls while the case waits for the delegation", () => {
  const policy = { minSeconds: 900, maxSeconds: 14_400, giveUpDays: 30, workHoursSeconds: 300, fastDays: 5 };
  // Monday 30 November 2026, 09:00 in Oslo
  const monday = new Date("2026-11-30T08:00:00Z");
  const at = (iso: string) => new Date(iso);
  const next = (now: Date, failures = 8, p = policy) => nextWaitingPoll(now, monday, failures, p);

  it("keeps the work-hours pause on a working day 08–17 Oslo time, however long the wait has grown", () => {
    expect(next(at("2026-12-01T09:00:00Z"))).toEqual(at("2026-12-01T09:05:00Z")); // Tuesday 10:00
    expect(next(at("2026-12-01T15:58:00Z"))).toEqual(at("2026-12-01T16:03:00Z")); // 16:58
    // the first poll of all is not later than the first wait
    expect(nextWaitingPoll(monday, monday, 1, { ...policy, minSeconds: 60 })).toEqual(at("2026-11-30T08:01:00Z"));
  });

  it("grows as before outside those hours, and a long pause ends at 08:00 of the next working day", () => {
    expect(next(at("2026-12-01T16:30:00Z"))).toEqual(at("2026-12-01T20:30:00Z")); // 17:30 → +4 h
    expect(next(at("2026-12-02T05:00:00Z"))).toEqual(at("2026-12-02T07:00:00Z")); // 06:00 → Wednesday 08:00
    // Friday 20:00: not at 08:00 on Saturday, nor Sunday
    expect(next(at("2026-12-04T19:00:00Z"))).toEqual(at("2026-12-04T23:00:00Z"));
    expect(next(at("2026-12-05T09:00:00Z"))).toEqual(at("2026-12-05T13:00:00Z")); // Saturday 10:00
    // Monday 05:00 of a wait begun on Wednesday (its fourth working day) → 08:00
    expect(nextWaitingPoll(at("2026-12-07T04:00:00Z"), at("2026-12-02T08:00:00Z"), 8, policy)).toEqual(at("2026-12-07T07:00:00Z"));
    // a public holiday is no working day (Ascension Day, 14 May 2026)
    expect(nextWaitingPoll(at("2026-05-14T08:00:00Z"), at("2026-05-13T08:00:00Z"), 8, policy)).toEqual(at("2026-05-14T12:00:00Z"));
  });

  it("only during the first DELEGATION_POLL_FAST_DAYS working days of the wait", () => {
    // Friday is the fifth working day since Monday; the Monday after is the sixth
    expect(next(at("2026-12-04T09:00:00Z"))).toEqual(at("2026-12-04T09:05:00Z"));
    expect(next(at("2026-12-07T09:00:00Z"))).toEqual(at("2026-12-07T13:00:00Z"));
    // Friday night: the next working day is past the fast days, so no 08:00 wake-up
    expect(next(at("2026-12-05T01:00:00Z"))).toEqual(at("2026-12-05T05:00:00Z"));
    expect(next(at("2026-12-01T09:00:00Z"), 8, { ...policy, fastDays: 0 })).toEqual(at("2026-12-01T13:00:00Z"));
    // a wait that began on a Saturday counts from Monday
    expect(nextWaitingPoll(at("2026-12-11T09:00:00Z"), at("2026-12-05T09:00:00Z"), 8, policy)).toEqual(at("2026-12-11T09:05:00Z"));
  });

  it("gives up as before", () => {
    expect(nextWaitingPoll(at("2026-12-30T09:00:00Z"), monday, 8, policy)).toBeNull();
  });
});
