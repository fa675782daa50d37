import { afterAll, describe, expect, it } from "vitest";
import { createOutboxWorker, outboxLeaseMs } from "../../src/mail/outboxWorker.js";
import { createCase } from "../../src/service/cases.js";
import { setThread } from "../../src/store/cases.js";
import { claimDue } from "../../src/store/outbox.js";
import { useTestApp } from "../support/appFixture.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { testRuntime } from "../support/runtime.js";
import { TestSmtp } from "../support/smtp.js";
import { eventually, mailEnv, order } from "./harness.js";

// Leases are read off the app's clock (rt.now()), so the tests move the clock past them rather
// than wait them out. The app's worker polls only on start; the tests wake it or drain by hand.

describe("a row claimed by a replica that died", () => {
  let slack: FakeSlack | undefined;
  let smtp: TestSmtp | undefined;
  let db: TestDatabase | undefined;
  let app: TestApp | undefined;
  const t0 = Date.now();
  let clock = new Date(t0);
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("goes out from the running app once the dead claim's lease has run out, not before", async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase();

    // The dying replica: the case and its order row, claimed under the app's lease, never sent.
    const store = await db.open();
    const { case: c } = await createCase(testRuntime(store.db, clock), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "dead-replica" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000042");
    const claimed = await claimDue(store.db, clock, outboxLeaseMs, 10);
    expect(claimed.map((r) => r.caseId)).toEqual([c.id]);
    const messageId = claimed[0]!.messageId;
    await store.close();

    // The replica that lives on, on the same clock: a millisecond before the lease ends, the row is not due.
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url }, { now: () => clock });
    clock = new Date(t0 + outboxLeaseMs - 1);
    const early = createOutboxWorker(app.app.services);
    expect(await early.drain()).toBe(0);
    await early.stop();
    expect(smtp.attempts).toBe(0);

    // The lease is over: the app's own worker, woken, sends the row.
    clock = new Date(t0 + outboxLeaseMs);
    app.app.runtime.signals.emit("outbox");
    await smtp.waitFor(() => smtp!.withId(messageId).length > 0);
    const row = await eventually(async () => {
      const r = await app!.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
      return r.status === "sent" && r;
    }, "the row recorded as sent");
    expect(row.attempts).toBe(2);
    expect(smtp.withId(messageId)).toHaveLength(1);
  });
});

describe("a send slower than the lease", () => {
  let app: TestApp;
  const smtp = new TestSmtp();
  const t0 = Date.now();
  let clock = new Date(t0);
  // Registered before the app's fixture, so it runs after the app has stopped (after-hooks run in
  // reverse): the app closes its pooled connections instead of the server waiting them out.
  afterAll(() => smtp.stop());
  useTestApp((f) => ({ app } = f), async () => ({ ...mailEnv, SMTP_URL: (await smtp.start()).url, OUTBOX_POLL_MS: "600000" }), { now: () => clock });

  it("keeps its row (the lease is renewed), so a second worker does not send it again", async () => {
    const { services, store } = app.app;
    // Made without the app's signals: the app's own worker does not see the row.
    const { case: c } = await createCase(testRuntime(store.db, clock), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "slow-send" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000043");
    const row = () => store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });

    // The server sits on the message until released.
    const release = smtp.hold();
    const slow = createOutboxWorker(services, { renewEveryMs: 10 });
    const other = createOutboxWorker(services);
    const sending = slow.drain();
    try {
      await smtp.waitFor(() => smtp.pending === 1);
      expect((await row()).attempts).toBe(1);

      // Two leases go by on the clock while the send is under way; the slow worker's renewal
      // moves its lease on from the clock's time, so the other worker finds nothing due.
      clock = new Date(t0 + 2 * outboxLeaseMs);
      await eventually(async () => (await row()).nextAttemptAt.getTime() > clock.getTime(), "the lease renewed past the clock");
      expect(await other.drain()).toBe(0);
    } finally {
      release();
    }
    expect(await sending).toBe(1);
    expect(smtp.attempts).toBe(1);
    expect(await row()).toMatchObject({ status: "sent", attempts: 1 });
    await other.stop();
    await slow.stop();
  });
});
