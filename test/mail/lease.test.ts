import { afterAll, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../src/mail/outboxWorker.js";
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

describe("a row claimed by a replica that died", () => {
  let slack: FakeSlack | undefined;
  let smtp: TestSmtp | undefined;
  let db: TestDatabase | undefined;
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("goes out from the running app once the dead claim's short lease has run out", { timeout: 150_000 }, async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase();

    // The dying replica: the case and its order row, claimed under the app's lease, never sent.
    const store = await db.open();
    const { case: c } = await createCase(testRuntime(store.db, new Date()), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "dead-replica" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000042");
    const claimed = await claimDue(store.db, new Date(), 60_000, 10);
    expect(claimed.map((r) => r.caseId)).toEqual([c.id]);
    const messageId = claimed[0]!.messageId;
    await store.close();

    // The replica that lives on polls often; it sends the row once the lease is over.
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url, OUTBOX_POLL_MS: "500" });
    await smtp.waitFor(() => smtp!.withId(messageId).length > 0, 90_000);
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
  // Before the app's fixture, so it runs after the app has stopped (after-hooks run in reverse):
  // the app closes its pooled SMTP connections instead of the server waiting 30 s for them.
  afterAll(() => smtp.stop());
  // The app's own worker polls only on start; the row below is made without signalling it.
  useTestApp((f) => ({ app } = f), async () => ({ ...mailEnv, SMTP_URL: (await smtp.start()).url, OUTBOX_POLL_MS: "600000" }));

  it("keeps its row (the lease is renewed), so a second worker does not send it again", { timeout: 60_000 }, async () => {
    const { services, store } = app.app;
    const { case: c } = await createCase(testRuntime(store.db, new Date()), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "slow-send" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000043");

    // The server sits on the message for several leases.
    smtp.delayMs = 4000;
    const slow = createOutboxWorker(services, { leaseMs: 1000, renewEveryMs: 250 });
    const other = createOutboxWorker(services, { leaseMs: 1000, renewEveryMs: 250 });
    let done = false;
    const sending = slow.drain().finally(() => (done = true));
    await eventually(async () => (await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } })).attempts === 1, "the slow worker's claim");
    // The other worker keeps looking for due rows while the slow send is under way.
    let otherSent = 0;
    while (!done) {
      otherSent += await other.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await sending).toBe(1);
    expect(otherSent).toBe(0);
    expect(smtp.attempts).toBe(1);
    const row = await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    await other.stop();
    await slow.stop();
  });
});
