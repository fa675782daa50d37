import { describe, expect, it } from "vitest";
import { laneOf, nextChannelAttempt, nextNoticeAttempt, noticeTargets } from "../../src/domain/noticeDelivery.js";
import { fromStoredJson, toStoredJson } from "../../src/domain/storedJson.js";

const t0 = new Date("2026-12-04T10:00:00Z");
const later = (d: Date) => (d.getTime() - t0.getTime()) / 1000;

describe("owed notices", () => {
  it("keeps a notice's dates through JSON, nested or not, and leaves undefined fields out", () => {
    const notice = { kind: "order_sent", to: ["a@b.no"], at: t0, nested: [{ when: t0 }], reason: undefined };
    const stored = toStoredJson(notice);
    expect(JSON.parse(JSON.stringify(stored))).toEqual({ kind: "order_sent", to: ["a@b.no"], at: { $date: t0.toISOString() }, nested: [{ when: { $date: t0.toISOString() } }] });
    expect(fromStoredJson(JSON.parse(JSON.stringify(stored)))).toEqual({ kind: "order_sent", to: ["a@b.no"], at: t0, nested: [{ when: t0 }] });
  });

  it("writes the owner a DM beside the thread where the owner must act", () => {
    expect(noticeTargets({ kind: "brreg_confirmed", loginSentTo: [], viaMail: true, actor: "mail" })).toEqual(["thread", "dm"]);
    expect(noticeTargets({ kind: "delegation_detected", scope: "s", consumer: null, supplier: null })).toEqual(["thread", "dm"]);
    expect(noticeTargets({ kind: "created", actor: "U1" })).toEqual(["thread"]);
    expect(["root", "thread", "channel"].map((t) => laneOf(t as "root"))).toEqual(["channel", "channel", "channel"]);
    expect(laneOf("dm")).toBe("dm");
  });

  it("waits seconds at first and five minutes at most, gives up after the hours given, and waits a Retry-After as told", () => {
    const pauses = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((failures) => later(nextNoticeAttempt(t0, t0, failures, 72)!));
    expect(pauses).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    // The last try falls on the give-up time; after it, none.
    expect(nextNoticeAttempt(new Date(t0.getTime() + 71.99 * 3_600_000), t0, 20, 72)).toEqual(new Date(t0.getTime() + 72 * 3_600_000));
    expect(nextNoticeAttempt(new Date(t0.getTime() + 72 * 3_600_000), t0, 20, 72)).toBeNull();
    expect(later(nextNoticeAttempt(t0, t0, 9, 72, 1500)!)).toBe(1.5);
    // A channel that refuses the app is never given up on.
    expect(later(nextChannelAttempt(t0, 50))).toBe(300);
  });
});
