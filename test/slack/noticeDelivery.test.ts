import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceCase } from "../../src/service/cases.js";
import { noticeEventType } from "../../src/slack/noticeSearch.js";
import { order } from "../domain/fixtures.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { noticesSettled, openTestCase, reloadCase } from "../support/cases.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack, type StoredMessage } from "../support/fakeSlack.js";
import { until } from "./followupHelpers.js";

const owner = "U0OWNER";
const ownerDm = "D0OWNER";

/** The texts of a thread as Slack holds it, oldest first (the root left out). */
function threadTexts(slack: FakeSlack, threadTs: string | null): string[] {
  return slack.messages.filter((m) => threadTs && m.thread_ts === threadTs && m.ts !== threadTs).map((m) => String(m.text));
}

/** Every post of a notice row that Slack holds, by the row's id: each should be there once. */
function postsByNotice(slack: FakeSlack): Map<string, StoredMessage[]> {
  const by = new Map<string, StoredMessage[]>();
  for (const m of slack.withMetadata(noticeEventType)) {
    const id = `${String(m.metadata!.event_payload.notice_id)}${m.metadata!.event_payload.part ? ":root" : ""}`;
    by.set(id, [...(by.get(id) ?? []), m]);
  }
  return by;
}

const rows = (app: TestApp, caseId: number) => app.app.runtime.db.slackNotice.findMany({ where: { caseId }, orderBy: { id: "asc" } });

for (const backend of backends()) {
  describe(`notices that Slack refuses, rate-limits or cannot post on ${backend}`, () => {
    let slack: FakeSlack;
    let app: TestApp;
    useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" }, { backend });

    it("posts a plain-text stand-in once for a message Slack refuses, marks it failed, and goes on with the case's next notice", async () => {
      // The text for the customer (blocks with «Send til kunden») is refused, once.
      const refused = slack.fail("chat.postMessage", { error: "invalid_blocks", times: 1, match: (a) => typeof a.thread_ts === "string" && JSON.stringify(a.blocks ?? "").includes("send_to_customer") });
      try {
        const c = await openTestCase(app, { ...order, customer_access: "pending" }, owner);
        await noticesSettled(app);
        await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: owner, set: { closedReason: "Kunden trakk seg" } });
        await noticesSettled(app);
        const thread = threadTexts(slack, (await reloadCase(app, c.reference)).threadTs);
        expect(thread).toHaveLength(3);
        expect(thread[0]).toContain(`opprettet ${c.reference}`);
        expect(thread[1]).toContain(`${c.reference}: Slack tok ikke imot hele meldingen (\`invalid_blocks\`)`);
        expect(thread[1]).toContain("Videresend teksten under til kunden");
        expect(thread[2]).toContain("avbrøt saken");
        const stored = await rows(app, c.id);
        expect(stored.find((r) => r.kind === "customer_access_instructions")).toMatchObject({ status: "failed", errorKind: "refused", error: "invalid_blocks" });
        expect(stored.filter((r) => r.status !== "posted").map((r) => r.kind)).toEqual(["customer_access_instructions"]);
        // Slack was asked for the refused message once: never retried.
        expect(slack.callsOf("chat.postMessage").filter((p) => p.response.error === "invalid_blocks")).toHaveLength(1);
      } finally {
        refused();
      }
    });

    it("waits out HTTP 5xx and 429 with Retry-After, and posts each notice once in the thread's order", async () => {
      // First Slack's 503s for a few seconds, then its rate limit twice.
      const outage = slack.fail("chat.postMessage", { status: 503, until: Date.now() + 3000 });
      const limited = slack.fail("chat.postMessage", { retryAfter: 2, times: 2 });
      try {
        const c = await openTestCase(app, { ...order, customer_access: "pending" }, owner, { waitForThread: false });
        await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: owner, set: { closedReason: "Test" } });
        await noticesSettled(app, 30_000);
        const now = await reloadCase(app, c.reference);
        expect(slack.callsOf("chat.postMessage").some((p) => p.response.error === "HTTP 503")).toBe(true);
        expect(slack.callsOf("chat.postMessage").filter((p) => p.response.error === "ratelimited")).toHaveLength(2);
        const thread = threadTexts(slack, now.threadTs);
        expect(thread.map((t) => (t.includes("opprettet") ? "created" : t.includes("Videresend") ? "instructions" : t.includes("avbrøt") ? "cancelled" : t))).toEqual(["created", "instructions", "cancelled"]);
        for (const [id, posts] of postsByNotice(slack)) expect(posts, `notice ${id}`).toHaveLength(1);
        // The root shows where the case ended.
        const root = slack.messages.find((m) => m.ts === now.threadTs)!;
        expect(JSON.stringify(root.blocks)).toContain("Avbrutt");
      } finally {
        outage();
        limited();
      }
    });

    it("keeps the notices while the app is not in the case channel, tells the owner once, and posts them all when the app is invited", async () => {
      slack.notInChannel.add(caseChannel);
      try {
        const c = await openTestCase(app, { ...order, customer_access: "pending" }, owner, { waitForThread: false });
        const dms = () => slack.messages.filter((m) => m.channel === ownerDm && String(m.text).includes("Jeg får ikke skrevet i"));
        const dm = await until(() => dms()[0], "the owner's DM about the channel");
        expect(String(dm.text)).toContain(`<#${caseChannel}>`);
        expect(String(dm.text)).toContain("not_in_channel");
        expect(String(dm.text)).toContain("SLACK_CASE_CHANNEL");
        // Another change of the case while the channel still refuses: no second DM.
        await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: owner, set: { closedReason: "Test" } });
        await until(async () => (await rows(app, c.id)).filter((r) => r.errorKind === "channel").length > 0, "a try refused by the channel");
        expect((await reloadCase(app, c.reference)).threadTs).toBeNull();
        // As if the channel had refused for long: its next try is an hour away.
        await app.app.runtime.db.slackNotice.updateMany({ where: { caseId: c.id, status: "pending", errorKind: "channel" }, data: { nextAttemptAt: new Date(Date.now() + 3_600_000) } });

        // The app is invited: Slack tells it, and what waited is posted now, not in an hour.
        slack.notInChannel.delete(caseChannel);
        expect((await app.event({ type: "member_joined_channel", user: "U0BOT", channel: caseChannel, channel_type: "C", team: "T0TEST" })).status).toBe(200);
        await noticesSettled(app);
        const now = await reloadCase(app, c.reference);
        expect(now.threadTs).not.toBeNull();
        const thread = threadTexts(slack, now.threadTs);
        expect(thread).toHaveLength(3);
        expect(thread[0]).toContain(`opprettet ${c.reference}`);
        expect(thread[2]).toContain("avbrøt saken");
        expect(dms()).toHaveLength(1);
        const root = slack.messages.find((m) => m.ts === now.threadTs)!;
        expect(JSON.stringify(root.blocks)).toContain("Avbrutt");
      } finally {
        slack.notInChannel.delete(caseChannel);
      }
    });
  });

  describe(`a bot token Slack refuses on ${backend}`, () => {
    let slack: FakeSlack;
    let db: TestDatabase;
    beforeAll(async () => {
      slack = await new FakeSlack().start();
      db = await freshDatabase(backend);
    });
    afterAll(async () => {
      await slack?.stop();
      await db?.drop();
    });

    it("keeps everything, says unauthorized on /healthz, and posts what was owed after a restart with a working token", async () => {
      const revoked = slack.fail("*", { error: "invalid_auth" });
      const first = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" });
      let reference: string;
      try {
        const c = await openTestCase(first, { ...order, customer_access: "pending" }, owner, { waitForThread: false });
        reference = c.reference;
        const health = await until(async () => {
          const res = await fetch(`${first.url}/healthz`);
          const body = (await res.json()) as { slack: string; noticesOwed: number };
          return body.slack === "unauthorized" ? { status: res.status, body } : null;
        }, "/healthz saying unauthorized");
        // The database decides the status code.
        expect(health.status).toBe(200);
        expect(health.body.noticesOwed).toBe(3);
        expect(await first.app.runtime.db.slackNotice.count({ where: { caseId: c.id, status: "pending" } })).toBe(3);
      } finally {
        await first.stop();
      }

      revoked();
      const second = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" });
      try {
        await noticesSettled(second);
        const c = await reloadCase(second, reference);
        const thread = threadTexts(slack, c.threadTs);
        expect(thread).toHaveLength(2);
        expect(thread[0]).toContain(`opprettet ${reference}`);
        for (const [id, posts] of postsByNotice(slack)) expect(posts, `notice ${id}`).toHaveLength(1);
        const body = (await (await fetch(`${second.url}/healthz`)).json()) as { slack: string; noticesOwed: number };
        expect(body).toMatchObject({ slack: "http", noticesOwed: 0 });
      } finally {
        await second.stop();
      }
    });
  });
}
