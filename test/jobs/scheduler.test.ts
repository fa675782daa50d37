import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerNames } from "../../src/app.js";
import { createScheduler } from "../../src/jobs/scheduler.js";
import { backends, freshDatabase, hasPostgres, type TestDatabase } from "../support/db.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { freePort, startTestApp, type TestApp } from "../support/app.js";
import { click, moveTo, newCase, reminderPosts, until, untilStage } from "../slack/followupHelpers.js";
import { noticesSettled } from "../support/cases.js";

// Europe/Oslo: CET (UTC+1) until 28 March 2027, CEST (UTC+2) after.
const oslo = (iso: string) => new Date(iso);

// No SMTP: the outbox writes previews and moves each order to awaiting_brreg at once.
const env = {
  MAIL_FROM: "delegering@leverandor.no",
  REMINDER_DAYS_CUSTOMER_ACCESS: "1",
  REMINDER_DAYS_AWAITING_BRREG: "2",
  REMINDER_DAYS_AWAITING_DELEGATION: "3",
  REMINDER_HOUR: "9",
};
// The apps run without their own scheduler: every pass is one the test runs, so what a pass
// claimed, and that nothing was posted, is known when it returns.
const workers = workerNames.filter((w) => w !== "scheduler");

for (const backend of backends()) {
  describe(`reminders on ${backend}`, () => {
    let slack: FakeSlack;
    let app: TestApp;
    let clock = oslo("2027-03-25T10:00:00+01:00"); // Maundy Thursday
    /** A scheduler pass, and the notice worker's posts of what it owed Slack. */
    const pass = async () => {
      const claimed = await createScheduler(app.app.services).runOnce();
      await noticesSettled(app);
      return claimed;
    };
    const open = (caseId: number) => app.app.runtime.db.reminder.findMany({ where: { caseId, doneAt: null } });
    /** The reminder as stored, settled by the pass the test ran. */
    const settled = async (id: number) => {
      const r = await app.app.runtime.db.reminder.findUniqueOrThrow({ where: { id } });
      expect(r.doneAt).not.toBeNull();
      return r;
    };

    useTestApp((f) => ({ slack, app } = f), env, { now: () => clock, workers, backend });

    it("reminds each waiting stage at its working-day time, skipping Easter, and stops when the stage changes", async () => {
      const access = await newCase(app, "pending");
      const brreg = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
      const delegation = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_delegation");

      // Thursday 25 March 2027 + 1/2/3 working days: Good Friday, the weekend and Easter Monday are skipped.
      expect((await open(access.id)).map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([["customer_access_pending", oslo("2027-03-30T09:00:00+02:00").toISOString()]]);
      expect((await open(brreg.id)).map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([["awaiting_brreg", oslo("2027-03-31T09:00:00+02:00").toISOString()]]);
      expect((await open(delegation.id)).map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([["awaiting_delegation", oslo("2027-04-01T09:00:00+02:00").toISOString()]]);

      // Easter Monday evening: nothing is due yet.
      clock = oslo("2027-03-30T08:59:59+02:00");
      expect(await pass()).toEqual([]);
      expect(reminderPosts(app, access)).toHaveLength(0);

      // Tuesday 09:00: the customer-access reminder, mentioning the owner, with the stage's buttons and snooze.
      clock = oslo("2027-03-30T09:00:00+02:00");
      const first = await pass();
      expect(first.map((r) => [r.caseId, r.outcome, r.sequence])).toEqual([[access.id, "sent", 1]]);
      const [post] = reminderPosts(app, access);
      expect(String(post!.args.text)).toContain("<@U0OWNER>");
      const actionIds = JSON.stringify(post!.args.blocks);
      for (const id of ["customer_access_confirmed", "cancel_case", "snooze_day", "snooze_week"]) expect(actionIds).toContain(`"${id}"`);
      expect(actionIds).not.toContain("send_followup");
      // The next one is set one working day on, while the case stays where it is.
      expect((await open(access.id)).map((r) => [r.sequence, r.dueAt.toISOString()])).toEqual([[2, oslo("2027-03-31T09:00:00+02:00").toISOString()]]);

      // The customer gets access: the stage's reminders end at once, the new stage's begin.
      const answered = await click(app, "customer_access_confirmed", access.reference, "U0BOB");
      expect(answered.status).toBe(200);
      await untilStage(app, access.reference, "awaiting_brreg");
      const cancelled = await app.app.runtime.db.reminder.findMany({ where: { caseId: access.id, kind: "customer_access_pending", sequence: 2 } });
      expect(cancelled.map((r) => r.outcome)).toEqual(["cancelled"]);

      // Wednesday 09:00: the Brreg reminder (with the follow-up offer); no more customer-access ones.
      clock = oslo("2027-03-31T09:00:00+02:00");
      const second = await pass();
      expect(second.map((r) => [r.caseId, r.outcome])).toEqual([[brreg.id, "sent"]]);
      expect(reminderPosts(app, access)).toHaveLength(1);
      const brregPost = reminderPosts(app, brreg)[0]!;
      expect(JSON.stringify(brregPost.args.blocks)).toContain('"send_followup"');
      expect(JSON.stringify(brregPost.args.blocks)).toContain('"brreg_confirmed"');

      // Thursday 09:00: the delegation reminder, and the Brreg one for the first case (2 working days after Tuesday).
      clock = oslo("2027-04-01T09:00:00+02:00");
      const third = await pass();
      expect(third.map((r) => r.caseId).sort()).toEqual([access.id, delegation.id].sort());
      expect(third.find((r) => r.caseId === access.id)?.stage).toBe("awaiting_brreg");
      expect(reminderPosts(app, delegation)).toHaveLength(1);
      expect(JSON.stringify(reminderPosts(app, delegation)[0]!.args.blocks)).toContain('"report_scope"');

      // The delegation case completes: far later, nothing more about it.
      await moveTo(app, delegation.reference, "completed");
      expect(await open(delegation.id)).toEqual([]);
      clock = oslo("2027-06-01T12:00:00+02:00");
      const later = await pass();
      expect(later.some((r) => r.caseId === delegation.id)).toBe(false);
      expect(reminderPosts(app, delegation)).toHaveLength(1);
    });

    it("keeps a reminder Slack refused at first, and posts it once when Slack answers again", async () => {
      clock = oslo("2028-07-03T12:00:00+02:00"); // Monday
      const c = await newCase(app, "pending");
      await noticesSettled(app);
      const [reminder] = await open(c.id);
      clock = reminder!.dueAt;
      const recovered = slack.fail("chat.postMessage", { error: "internal_error" });
      try {
        // Claimed and owed to Slack in one step: the reminder is settled, the next one set.
        expect((await createScheduler(app.app.services).runOnce()).map((r) => [r.caseId, r.outcome, r.sequence])).toContainEqual([c.id, "sent", 1]);
        // Slack was asked and refused.
        await slack.waitFor(() => reminderPosts(app, c).some((p) => p.response.error === "internal_error"));
      } finally {
        recovered();
      }
      expect((await settled(reminder!.id)).outcome).toBe("sent");
      expect((await open(c.id)).map((r) => r.sequence)).toEqual([2]);
      // The notice waited out Slack's trouble and went out once, without another scheduler pass.
      await noticesSettled(app);
      expect(reminderPosts(app, c).filter((p) => p.response.ok)).toHaveLength(1);
    });

    it("skips 17 May", async () => {
      clock = oslo("2028-05-16T12:00:00+02:00"); // Tuesday
      const c = await newCase(app, "pending");
      expect((await open(c.id)).map((r) => r.dueAt.toISOString())).toEqual([oslo("2028-05-18T09:00:00+02:00").toISOString()]);
      const [reminder] = await open(c.id);
      clock = oslo("2028-05-17T12:00:00+02:00");
      expect((await pass()).some((r) => r.caseId === c.id)).toBe(false);
      expect((await app.app.runtime.db.reminder.findUniqueOrThrow({ where: { id: reminder!.id } })).doneAt).toBeNull();
      expect(reminderPosts(app, c)).toHaveLength(0);
      clock = oslo("2028-05-18T09:00:00+02:00");
      await pass();
      expect((await settled(reminder!.id)).outcome).toBe("sent");
      await slack.waitFor(() => reminderPosts(app, c).length === 1);
    });

    it("does not send a reminder whose case has left the stage, even if it was never cancelled", async () => {
      clock = oslo("2028-06-05T12:00:00+02:00");
      const c = await newCase(app, "pending");
      // As if a stage change had slipped past the cancellation: a stray open reminder of the old stage.
      const stray = await app.app.runtime.db.reminder.create({ data: { caseId: c.id, kind: "awaiting_delegation", sequence: 1, dueAt: clock, createdAt: clock } });
      const before = reminderPosts(app, c).length;
      expect((await pass()).map((r) => [r.id, r.outcome])).toContainEqual([stray.id, "cancelled"]);
      const after = await settled(stray.id);
      expect(after.outcome).toBe("cancelled");
      expect(after.doneAt).not.toBeNull();
      expect(reminderPosts(app, c)).toHaveLength(before);
    });

    it("snoozes the next reminder by one working day or one week", async () => {
      clock = oslo("2028-06-07T12:00:00+02:00"); // Wednesday
      const c = await newCase(app, "pending");
      const [first] = await open(c.id);
      clock = oslo("2028-06-08T09:00:00+02:00");
      expect((await pass()).map((r) => [r.id, r.outcome])).toContainEqual([first!.id, "sent"]);
      expect((await settled(first!.id)).outcome).toBe("sent");
      const next = await until(async () => (await open(c.id)).find((r) => r.sequence === first!.sequence + 1), "the next reminder");
      expect(next.dueAt.toISOString()).toBe(oslo("2028-06-09T09:00:00+02:00").toISOString()); // Friday
      const post = await slack.waitFor(() => reminderPosts(app, c).find((p) => p.response.ok));
      expect(JSON.stringify(post.args.blocks)).toContain(`"value":"${next.id}"`);

      const day = await click(app, "snooze_day", String(next.id), "U0OWNER");
      await slack.waitFor(() => slack.responses.find((r) => r.id === day.responseId));
      expect((await app.app.runtime.db.reminder.findUniqueOrThrow({ where: { id: next.id } })).dueAt.toISOString()).toBe(
        oslo("2028-06-12T09:00:00+02:00").toISOString(), // Friday + 1 working day = Monday
      );
      const week = await click(app, "snooze_week", String(next.id), "U0OWNER");
      const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === week.responseId));
      expect(String(answer.body.text)).toContain(c.reference);
      expect(answer.body.response_type).toBe("ephemeral");
      expect((await app.app.runtime.db.reminder.findUniqueOrThrow({ where: { id: next.id } })).dueAt.toISOString()).toBe(
        oslo("2028-06-19T09:00:00+02:00").toISOString(), // Monday + 5 working days
      );
      // That reminder fires; a snooze on the older post then moves the one now set after it.
      clock = oslo("2028-06-19T09:00:00+02:00");
      expect((await pass()).map((r) => [r.id, r.outcome])).toContainEqual([next.id, "sent"]);
      expect((await settled(next.id)).outcome).toBe("sent");
      const [current] = await open(c.id);
      expect(current!.sequence).toBe(next.sequence + 1);
      const older = await click(app, "snooze_day", String(next.id), "U0BOB");
      const olderAnswer = await slack.waitFor(() => slack.responses.find((r) => r.id === older.responseId));
      expect(String(olderAnswer.body.text)).not.toMatch(/ikke lenger aktiv/);
      expect((await app.app.runtime.db.reminder.findUniqueOrThrow({ where: { id: current!.id } })).dueAt.toISOString()).toBe(
        oslo("2028-06-21T09:00:00+02:00").toISOString(), // Tuesday's reminder + 1 working day
      );
      const events = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: "reminder_snoozed" } });
      expect(events.map((e) => e.actor)).toEqual(["U0OWNER", "U0OWNER", "U0BOB"]);

      // Once the case moves on, the snooze button is stale: a polite answer, nothing changes.
      await moveTo(app, c.reference, "awaiting_brreg");
      const stale = await click(app, "snooze_day", String(next.id), "U0OWNER");
      const staleAnswer = await slack.waitFor(() => slack.responses.find((r) => r.id === stale.responseId));
      expect(String(staleAnswer.body.text)).toMatch(/ikke lenger aktiv/);
      expect(await app.app.runtime.db.caseEvent.count({ where: { caseId: c.id, kind: "reminder_snoozed" } })).toBe(3);
    });
  });
}

describe.skipIf(!hasPostgres())("two schedulers on one PostgreSQL", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let clock = oslo("2027-09-06T10:00:00+02:00"); // Monday

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase("postgresql");
    one = await startTestApp(slack, db, env, { now: () => clock, workers });
    two = await startTestApp(slack, db, env, { now: () => clock, workers });
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("sends each reminder once", async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await newCase(i % 2 ? one : two, "pending"));
    clock = oslo("2027-09-07T09:00:00+02:00");
    // Several passes from each replica at once, each with its own connection pool.
    const schedulers = [one, two, one, two].map((a) => createScheduler(a.app.services));
    const results = (await Promise.all(schedulers.map((s) => s.runOnce()))).flat();
    expect(results.filter((r) => r.outcome === "sent")).toHaveLength(cases.length);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    // Both replicas' notice workers post what the passes owed: each reminder once.
    await noticesSettled(one);
    for (const c of cases) {
      expect(reminderPosts(one, c)).toHaveLength(1);
      const rows = await one.app.runtime.db.reminder.findMany({ where: { caseId: c.id }, orderBy: { sequence: "asc" } });
      expect(rows.map((r) => [r.sequence, r.outcome])).toEqual([
        [1, "sent"],
        [2, null],
      ]);
    }
  });
});

describe("an order email that does not go out", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = oslo("2027-03-25T10:00:00+01:00"); // Maundy Thursday
  // Nothing listens on this port: the order stays queued and is retried. The outbox only runs when
  // woken, so the row's state is what the test makes it.
  useTestApp((f) => ({ slack, app } = f), async () => ({ ...env, SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, OUTBOX_POLL_MS: "600000" }), {
    now: () => clock,
    workers,
  });

  it("is chased after a working day: still retrying says so; given up offers Prøv igjen; sent ends it", async () => {
    const c = await newCase(app, "confirmed");
    expect(c.stage).toBe("order_pending");
    const db = app.app.runtime.db;
    const open = await db.reminder.findMany({ where: { caseId: c.id, doneAt: null } });
    expect(open.map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([["order_pending", oslo("2027-03-30T09:00:00+02:00").toISOString()]]);
    await until(async () => (await db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } })).attempts > 0, "the first attempt");

    clock = oslo("2027-03-30T09:00:00+02:00");
    await createScheduler(app.app.services).runOnce();
    const retrying = await slack.waitFor(() => reminderPosts(app, c)[0]);
    expect(String(retrying.args.text)).toContain("prøver igjen av seg selv");
    expect(JSON.stringify(retrying.args.blocks)).not.toContain('"retry_order"');

    // The outbox gives up; the next reminder offers "Prøv igjen".
    await db.outboxMessage.updateMany({ where: { caseId: c.id }, data: { status: "failed", lastError: "connect ECONNREFUSED" } });
    clock = oslo("2027-03-31T09:00:00+02:00");
    await createScheduler(app.app.services).runOnce();
    const failed = await slack.waitFor(() => reminderPosts(app, c)[1]);
    expect(String(failed.args.text)).toContain("gitt opp");
    const blocks = JSON.stringify(failed.args.blocks);
    for (const id of ["retry_order", "cancel_case", "snooze_day"]) expect(blocks).toContain(`"${id}"`);

    // Sent after all (by hand here): the stage moves on and its reminders end.
    await moveTo(app, c.reference, "awaiting_brreg");
    const left = await db.reminder.findMany({ where: { caseId: c.id, doneAt: null } });
    expect(left.map((r) => r.kind)).toEqual(["awaiting_brreg"]);
  });
});
