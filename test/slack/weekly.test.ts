import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weeklyOverviewIfDue } from "../../src/service/weekly.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { freshDatabase, hasPostgres, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { noticesSettled } from "../support/cases.js";
import { ask, newCase } from "./statusSupport.js";

// The weekly overview: `/delegering oversikt` now, and once every Monday at REMINDER_HOUR in the case channel.

const overviewPosts = (slack: FakeSlack) =>
  slack.callsOf("chat.postMessage").filter((m) => m.args.channel === caseChannel && !m.args.thread_ts && String(m.args.text) === "Ukeoversikt");

describe("/delegering oversikt", () => {
  let slack: FakeSlack;
  let app: TestApp;
  // A Tuesday: no weekly post gets in the way.
  const clock = new Date("2026-12-01T10:00:00Z");
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" }, { now: () => clock });

  it("lists open cases by stage, ephemerally", async () => {
    const pending = await newCase(app, { customer_name: "Venter Tilgang AS", customer_access: "pending" }, "U0ALICE");
    const sent = await newCase(app, { customer_name: "Sendt Bestilling AS" }, "U0BOB");
    for (const word of ["oversikt", "summary"]) {
      // In the ack when it is ready in time, else through response_url: ephemeral either way.
      const answer = await ask(app, word);
      expect(answer.body.response_type).toBe("ephemeral");
      const text = JSON.stringify(answer.body);
      expect(text).toContain("Åpne saker per steg");
      expect(text).toContain("Venter på at kunden får tilgang fra Brreg");
      expect(text).toContain(pending.reference);
      expect(text).toContain(sent.reference);
      // Grouped by stage: the customer-access stage comes first in the process.
      expect(text.indexOf(pending.reference)).toBeLessThan(text.indexOf(sent.reference));
      expect(text).toContain("Ingen saker ble verifisert de siste sju dagene");
    }
    expect(overviewPosts(slack)).toHaveLength(0);
  });
});

describe("the weekly post on one database", () => {
  let slack: FakeSlack;
  let app: TestApp;
  // Monday 30 November 2026, 09:00 in Oslo (REMINDER_HOUR 9).
  const clock = new Date("2026-11-30T08:00:00Z");
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" }, { now: () => clock });

  it("posts once however many passes run", async () => {
    const results = await Promise.all([1, 2, 3].map(() => weeklyOverviewIfDue(app.app.services)));
    await noticesSettled(app);
    // The scheduler's own pass at start may have been the one that posted.
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await app.app.runtime.db.weeklyOverview.count()).toBe(1);
    expect(overviewPosts(slack)).toHaveLength(1);
  });
});

describe("the weekly post while Slack refuses it", () => {
  let slack: FakeSlack;
  let app: TestApp;
  // Monday 30 November 2026, 07:00 in Oslo: before REMINDER_HOUR, so the scheduler's pass at
  // start posts nothing; the test moves the clock on. No scheduler ticks after that one.
  let clock = new Date("2026-11-30T06:00:00Z");
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0", SCHEDULER_POLL_MS: "3600000" }, { now: () => clock });

  it("keeps the week's overview while Slack refuses it, and posts it once when Slack answers again", async () => {
    clock = new Date("2026-11-30T08:00:00Z");
    const taken = () => overviewPosts(slack).filter((p) => p.response.ok === true);
    const outage = slack.fail("chat.postMessage", { error: "service_unavailable" });
    try {
      expect(await weeklyOverviewIfDue(app.app.services)).toBe(true);
      await slack.waitFor(() => overviewPosts(slack).find((p) => p.response.error === "service_unavailable"));
      expect(taken()).toHaveLength(0);
      // A later pass that Monday finds the week claimed: nothing doubles.
      clock = new Date("2026-11-30T08:01:00Z");
      expect(await weeklyOverviewIfDue(app.app.services)).toBe(false);
    } finally {
      outage();
    }
    await noticesSettled(app);
    expect(await app.app.runtime.db.weeklyOverview.findMany()).toEqual([{ weekKey: "2026-W49", claimedAt: new Date("2026-11-30T08:00:00Z") }]);
    expect(taken()).toHaveLength(1);
  });
});

describe.skipIf(!hasPostgres())("two replicas on one PostgreSQL", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  const clock = new Date("2026-11-30T08:00:00Z"); // Monday, 09:00 in Oslo

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase("postgresql");
    one = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" }, { now: () => clock });
    two = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" }, { now: () => clock });
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("post the weekly overview once", async () => {
    await Promise.all([one, two, one, two].map((a) => weeklyOverviewIfDue(a.app.services)));
    await noticesSettled(one);
    expect(await one.app.runtime.db.weeklyOverview.findMany()).toEqual([{ weekKey: "2026-W49", claimedAt: clock }]);
    expect(overviewPosts(slack)).toHaveLength(1);
  });
});
