import { describe, expect, it } from "vitest";
import { addWorkingDays, easterSunday, isHoliday, isWorkingDay, zonedTimeToInstant } from "../../src/domain/workingDays.js";

describe("holidays", () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2285, 3, 22],
  ])("Easter Sunday %i is %i/%i", (y, m, d) => {
    expect(easterSunday(y)).toEqual({ y, m, d });
  });

  it("knows the moving holidays of 2027", () => {
    for (const [m, d] of [
      [3, 25], // Skjærtorsdag
      [3, 26], // Langfredag
      [3, 28], // 1. påskedag
      [3, 29], // 2. påskedag
      [5, 6], // Kristi himmelfartsdag
      [5, 16], // 1. pinsedag
      [5, 17], // 2. pinsedag, also Constitution Day
    ] as const) {
      expect(isHoliday({ y: 2027, m, d }), `${m}/${d}`).toBe(true);
    }
    expect(isHoliday({ y: 2027, m: 3, d: 24 })).toBe(false);
    expect(isHoliday({ y: 2027, m: 3, d: 30 })).toBe(false);
  });

  it("knows the fixed holidays", () => {
    for (const [m, d] of [
      [1, 1],
      [5, 1],
      [5, 17],
      [12, 25],
      [12, 26],
    ] as const) {
      expect(isHoliday({ y: 2026, m, d })).toBe(true);
    }
    expect(isHoliday({ y: 2026, m: 12, d: 24 })).toBe(false);
  });

  it("treats weekends and holidays as non-working", () => {
    expect(isWorkingDay({ y: 2026, m: 11, d: 23 })).toBe(true); // Monday
    expect(isWorkingDay({ y: 2026, m: 11, d: 21 })).toBe(false); // Saturday
    expect(isWorkingDay({ y: 2026, m: 11, d: 22 })).toBe(false); // Sunday
    expect(isWorkingDay({ y: 2026, m: 5, d: 14 })).toBe(false); // Ascension Day 2026, a Thursday
  });
});

describe("addWorkingDays", () => {
  it("skips Easter 2027 and lands at 09:00 Oslo summer time", () => {
    // Wednesday 24 March 2027, noon in Oslo (CET).
    const from = new Date("2027-03-24T11:00:00Z");
    expect(addWorkingDays(from, 1).toISOString()).toBe("2027-03-30T07:00:00.000Z");
  });

  it("skips Easter Monday itself", () => {
    // Friday 26 March is Langfredag, so from Thursday 25 (holiday too) the next working day is Tuesday 30.
    expect(addWorkingDays(new Date("2027-03-25T08:00:00Z"), 1).toISOString()).toBe("2027-03-30T07:00:00.000Z");
  });

  it("skips 17 May and the weekend", () => {
    // Friday 14 May 2027 → Tuesday 18 May: the weekend and Monday 17 May are skipped.
    expect(addWorkingDays(new Date("2027-05-14T10:00:00Z"), 1).toISOString()).toBe("2027-05-18T07:00:00.000Z");
    // Tuesday 16 May 2028 → Thursday 18 May 2028 (17 May is a Wednesday).
    expect(addWorkingDays(new Date("2028-05-16T10:00:00Z"), 1).toISOString()).toBe("2028-05-18T07:00:00.000Z");
  });

  it("skips weekends", () => {
    // Friday 20 Nov 2026 + 1 → Monday 23 Nov, 09:00 CET = 08:00Z.
    expect(addWorkingDays(new Date("2026-11-20T12:00:00Z"), 1).toISOString()).toBe("2026-11-23T08:00:00.000Z");
    // Friday + 5 → next Friday.
    expect(addWorkingDays(new Date("2026-11-20T12:00:00Z"), 5).toISOString()).toBe("2026-11-27T08:00:00.000Z");
  });

  it("crosses the spring DST change", () => {
    // Friday 27 March 2026 CET → Monday 30 March CEST (clocks went forward on Sunday 29).
    expect(addWorkingDays(new Date("2026-03-27T15:00:00Z"), 1).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("crosses the autumn DST change", () => {
    // Friday 23 Oct 2026 CEST → Monday 26 Oct CET (clocks went back on Sunday 25).
    expect(addWorkingDays(new Date("2026-10-23T15:00:00Z"), 1).toISOString()).toBe("2026-10-26T08:00:00.000Z");
  });

  it("counts from the Oslo date, not the UTC date", () => {
    // 23:30Z on Sunday 29 March 2026 is already 01:30 Monday in Oslo.
    expect(addWorkingDays(new Date("2026-03-29T23:30:00Z"), 1).toISOString()).toBe("2026-03-31T07:00:00.000Z");
    // 22:30Z on Friday 20 Nov 2026 is 23:30 Friday in Oslo.
    expect(addWorkingDays(new Date("2026-11-20T22:30:00Z"), 1).toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });

  it("takes another hour", () => {
    expect(addWorkingDays(new Date("2026-11-20T12:00:00Z"), 1, { hour: 14 }).toISOString()).toBe("2026-11-23T13:00:00.000Z");
  });

  it("with 0 days stays on a working day, else moves to the next", () => {
    expect(addWorkingDays(new Date("2026-11-23T12:00:00Z"), 0).toISOString()).toBe("2026-11-23T08:00:00.000Z");
    expect(addWorkingDays(new Date("2026-11-21T12:00:00Z"), 0).toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });

  it("rejects negative or fractional days", () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe("zonedTimeToInstant", () => {
  it("moves a time in the skipped spring hour forward", () => {
    expect(zonedTimeToInstant({ y: 2026, m: 3, d: 29 }, 2).toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("picks a real instant for the repeated autumn hour", () => {
    const t = zonedTimeToInstant({ y: 2026, m: 10, d: 25 }, 2).toISOString();
    expect(["2026-10-25T00:00:00.000Z", "2026-10-25T01:00:00.000Z"]).toContain(t);
  });

  it("handles midnight and the hours around the change", () => {
    expect(zonedTimeToInstant({ y: 2026, m: 3, d: 29 }, 0).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(zonedTimeToInstant({ y: 2026, m: 3, d: 29 }, 3).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zonedTimeToInstant({ y: 2026, m: 10, d: 25 }, 3).toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });
});
