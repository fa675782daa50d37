import { describe, expect, it } from "vitest";
import {
  caseEventSchema,
  durationSentence,
  formatMedian,
  medianWorkingDays,
  stepDurations,
  stepOfStage,
  stepWorkingDays,
  waitingLongerThanUsual,
  type CaseEvent,
} from "../../src/domain/durations.js";
import { addWorkingDays, workingDaysBetween } from "../../src/domain/workingDays.js";

// November 2026 has no holidays: Monday 23rd, 10:00 in Oslo is 09:00Z (CET).
const monday = new Date("2026-11-23T09:00:00Z");
const at = (iso: string) => new Date(iso);

function brregCase(sent: Date, confirmed: Date): CaseEvent[] {
  return [
    { kind: "created", at: new Date(sent.getTime() - 3_600_000) },
    { kind: "stage:order_pending", at: new Date(sent.getTime() - 60_000) },
    { kind: "stage:awaiting_brreg", at: sent },
    { kind: "stage:awaiting_delegation", at: confirmed },
  ];
}

describe("workingDaysBetween", () => {
  it("counts Monday 10:00 to Wednesday 10:00 as 2", () => {
    expect(workingDaysBetween(monday, at("2026-11-25T09:00:00Z"))).toBe(2);
  });

  it("counts days, not hours: Wednesday 09:00 and 16:00 are both 2, the same day is 0", () => {
    expect(workingDaysBetween(monday, at("2026-11-25T08:00:00Z"))).toBe(2);
    expect(workingDaysBetween(monday, at("2026-11-25T15:00:00Z"))).toBe(2);
    expect(workingDaysBetween(monday, at("2026-11-23T15:00:00Z"))).toBe(0);
  });

  it("skips the weekend", () => {
    // Friday 27th to Monday 30th.
    expect(workingDaysBetween(at("2026-11-27T09:00:00Z"), at("2026-11-30T09:00:00Z"))).toBe(1);
    // Saturday to Monday: only Monday counts.
    expect(workingDaysBetween(at("2026-11-28T09:00:00Z"), at("2026-11-30T09:00:00Z"))).toBe(1);
    // Two full weeks.
    expect(workingDaysBetween(monday, at("2026-12-07T09:00:00Z"))).toBe(10);
  });

  it("skips Easter 2026 (Maundy Thursday, Good Friday, Easter Monday)", () => {
    // Wednesday 1 April to Tuesday 7 April: only the Tuesday is a working day.
    expect(workingDaysBetween(at("2026-04-01T08:00:00Z"), at("2026-04-07T08:00:00Z"))).toBe(1);
  });

  it("skips 17 May (a Wednesday in 2028)", () => {
    expect(workingDaysBetween(at("2028-05-16T08:00:00Z"), at("2028-05-18T08:00:00Z"))).toBe(1);
    expect(workingDaysBetween(at("2028-05-16T08:00:00Z"), at("2028-05-19T08:00:00Z"))).toBe(2);
  });

  it("takes the calendar date in Oslo, not in UTC, across the end of summer time", () => {
    // Friday 23 October 2026 23:30 in Oslo to Monday 26 October 00:30 in Oslo (still Sunday in UTC).
    expect(workingDaysBetween(at("2026-10-23T21:30:00Z"), at("2026-10-25T23:30:00Z"))).toBe(1);
    // Friday 23:30 to Monday 00:30 in Oslo is Friday to Sunday in UTC, where a count would say 0.
    expect(workingDaysBetween(at("2026-11-20T22:30:00Z"), at("2026-11-22T23:30:00Z"))).toBe(1);
  });

  it("is the inverse of addWorkingDays", () => {
    for (const n of [1, 2, 5, 12, 40]) {
      expect(workingDaysBetween(at("2027-03-24T11:00:00Z"), addWorkingDays(at("2027-03-24T11:00:00Z"), n))).toBe(n);
    }
  });

  it("is negative when the end is before the start", () => {
    expect(workingDaysBetween(at("2026-11-25T09:00:00Z"), monday)).toBe(-2);
  });
});

describe("medianWorkingDays", () => {
  it("gives the mean of the two middle values for an even count: 2, 3, 4, 10 → 3.5", () => {
    expect(medianWorkingDays([10, 2, 4, 3])).toEqual({ median: 3.5, count: 4 });
  });

  it("gives the middle value for an odd count", () => {
    expect(medianWorkingDays([7, 1, 4])).toEqual({ median: 4, count: 3 });
  });

  it("gives null with fewer than 3 samples", () => {
    expect(medianWorkingDays([])).toBeNull();
    expect(medianWorkingDays([2])).toBeNull();
    expect(medianWorkingDays([2, 5])).toBeNull();
  });

  it("ignores samples that are not numbers, and does not sort the caller's array", () => {
    const samples = [5, Number.NaN, 1, 3];
    expect(medianWorkingDays(samples)).toEqual({ median: 3, count: 3 });
    expect(samples[0]).toBe(5);
  });
});

describe("stepWorkingDays and stepDurations", () => {
  const twoDays = brregCase(monday, at("2026-11-25T09:00:00Z"));
  const threeDays = brregCase(monday, at("2026-11-26T09:00:00Z"));
  const fourDays = brregCase(monday, at("2026-11-27T09:00:00Z"));
  const tenDays = brregCase(monday, at("2026-12-07T09:00:00Z"));

  it("measures Brreg's answer from order sent to Brreg confirmed: 2, 3, 4, 10 → median 3.5", () => {
    expect([twoDays, threeDays, fourDays, tenDays].map((c) => stepWorkingDays(c, "brreg"))).toEqual([2, 3, 4, 10]);
    expect(stepDurations([twoDays, threeDays, fourDays, tenDays]).brreg).toEqual({ median: 3.5, count: 4 });
  });

  it("skips Easter and 17 May in a case's duration", () => {
    const easter = brregCase(at("2026-04-01T08:00:00Z"), at("2026-04-08T08:00:00Z"));
    const constitutionDay = brregCase(at("2028-05-16T08:00:00Z"), at("2028-05-19T08:00:00Z"));
    expect(stepWorkingDays(easter, "brreg")).toBe(2);
    expect(stepWorkingDays(constitutionDay, "brreg")).toBe(2);
  });

  it("measures the customer's delegation to the first of completed and verified", () => {
    const confirmed = at("2026-11-25T09:00:00Z");
    const completedFirst = [
      ...brregCase(monday, confirmed),
      { kind: "stage:completed", at: at("2026-11-30T12:00:00Z") },
      { kind: "stage:verified", at: at("2026-12-02T12:00:00Z") },
    ];
    const verifiedOnly = [...brregCase(monday, confirmed), { kind: "stage:verified", at: at("2026-11-26T12:00:00Z") }];
    expect(stepWorkingDays(completedFirst, "delegation")).toBe(3);
    expect(stepWorkingDays(verifiedOnly, "delegation")).toBe(1);
  });

  it("uses the earliest event of a kind even when the log is not in order", () => {
    const events: CaseEvent[] = [
      { kind: "stage:awaiting_delegation", at: at("2026-12-01T09:00:00Z") },
      { kind: "stage:awaiting_delegation", at: at("2026-11-25T09:00:00Z") },
      { kind: "stage:awaiting_brreg", at: monday },
    ];
    expect(stepWorkingDays(events, "brreg")).toBe(2);
  });

  it("leaves out cases that have not got through the step, and logs with the end before the start", () => {
    const waiting = [{ kind: "stage:awaiting_brreg", at: monday }];
    const cancelled = [{ kind: "stage:awaiting_brreg", at: monday }, { kind: "stage:cancelled", at: at("2026-11-24T09:00:00Z") }];
    const backwards = brregCase(monday, at("2026-11-20T09:00:00Z"));
    expect(stepWorkingDays(waiting, "brreg")).toBeNull();
    expect(stepWorkingDays(cancelled, "brreg")).toBeNull();
    expect(stepWorkingDays(backwards, "brreg")).toBeNull();
    expect(stepWorkingDays(twoDays, "delegation")).toBeNull();
    expect(stepDurations([twoDays, threeDays, waiting, cancelled, backwards])).toEqual({ brreg: null, delegation: null });
  });

  it("gives null for a step with fewer than 3 finished cases", () => {
    expect(stepDurations([])).toEqual({ brreg: null, delegation: null });
    expect(stepDurations([twoDays, threeDays, fourDays])).toEqual({ brreg: { median: 3, count: 3 }, delegation: null });
  });

  it("reads events as the store keeps them", () => {
    expect(caseEventSchema.parse({ kind: "stage:awaiting_brreg", at: monday })).toEqual({ kind: "stage:awaiting_brreg", at: monday });
    expect(caseEventSchema.safeParse({ kind: "stage:awaiting_brreg", at: "2026-11-23" }).success).toBe(false);
  });
});

describe("waitingLongerThanUsual", () => {
  const median = { median: 3.5, count: 4 };

  it("says a case waiting 6 working days against a median of 3.5 is longer than usual", () => {
    expect(workingDaysBetween(monday, at("2026-12-01T09:00:00Z"))).toBe(6);
    expect(waitingLongerThanUsual(monday, at("2026-12-01T09:00:00Z"), median)).toBe(true);
  });

  it("needs strictly more working days than the median", () => {
    expect(waitingLongerThanUsual(monday, at("2026-11-26T09:00:00Z"), median)).toBe(false); // 3
    expect(waitingLongerThanUsual(monday, at("2026-11-27T09:00:00Z"), median)).toBe(true); // 4
    expect(waitingLongerThanUsual(monday, at("2026-11-27T09:00:00Z"), { median: 4, count: 3 })).toBe(false);
  });

  it("never says so without a median", () => {
    expect(waitingLongerThanUsual(monday, at("2027-11-23T09:00:00Z"), null)).toBe(false);
  });

  it("knows which stage waits for which step", () => {
    expect(stepOfStage("awaiting_brreg")).toBe("brreg");
    expect(stepOfStage("awaiting_delegation")).toBe("delegation");
    expect(stepOfStage("order_pending")).toBeNull();
    expect(stepOfStage("completed")).toBeNull();
  });
});

describe("formatMedian and durationSentence", () => {
  it("shows one decimal at most, with the locale's decimal sign", () => {
    expect(formatMedian(3.5, "nb")).toBe("3,5");
    expect(formatMedian(3.5, "en")).toBe("3.5");
    expect(formatMedian(4, "nb")).toBe("4");
    expect(formatMedian(10, "en")).toBe("10");
    expect(formatMedian(0, "nb")).toBe("0");
    expect(formatMedian(2.25, "en")).toBe("2.3");
    expect(formatMedian(2.96, "nb")).toBe("3");
  });

  it("builds the overview sentences in both languages", () => {
    const m = { median: 4, count: 12 };
    expect(durationSentence("brreg", m, "nb")).toBe("Brreg har svart etter median 4 virkedager (12 saker)");
    expect(durationSentence("brreg", m, "en")).toBe("Brreg answered after a median of 4 working days (12 cases)");
    expect(durationSentence("delegation", m, "nb")).toBe("Kunden har delegert etter median 4 virkedager (12 saker)");
    expect(durationSentence("delegation", m, "en")).toBe("Customers delegated after a median of 4 working days (12 cases)");
  });

  it("writes 3,5 and uses the singular for one working day", () => {
    expect(durationSentence("brreg", { median: 3.5, count: 4 }, "nb")).toBe("Brreg har svart etter median 3,5 virkedager (4 saker)");
    expect(durationSentence("brreg", { median: 1, count: 3 }, "nb")).toBe("Brreg har svart etter median 1 virkedag (3 saker)");
    expect(durationSentence("delegation", { median: 1, count: 3 }, "en")).toBe(
      "Customers delegated after a median of 1 working day (3 cases)",
    );
  });
});
