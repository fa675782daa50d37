import { describe, expect, it } from "vitest";
import { nextRecheckAt } from "../../src/domain/pollSchedule.js";

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
