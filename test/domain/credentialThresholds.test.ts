import { describe, expect, it } from "vitest";
import { thresholdReached } from "../../src/domain/credentialThresholds.js";

describe("announcements of an ending key or certificate", () => {
  it("are due at 30, 14, 7, 3 and 1 days, and at the end: the nearest one reached", () => {
    expect(thresholdReached(45)).toBeNull();
    expect(thresholdReached(30.01)).toBeNull();
    expect(thresholdReached(30)).toBe(30);
    expect(thresholdReached(20)).toBe(30);
    // a start 10 days before: the 14-day notice, not the 30-day one too
    expect(thresholdReached(10)).toBe(14);
    expect(thresholdReached(6.5)).toBe(7);
    expect(thresholdReached(2.9)).toBe(3);
    expect(thresholdReached(0.4)).toBe(1);
    expect(thresholdReached(0)).toBe(0);
    expect(thresholdReached(-3)).toBe(0);
  });
});
