import { afterAll, describe, expect, it } from "vitest";
import { createCase, moveCase } from "../../src/service/cases.js";
import { retryFailedMail } from "../../src/service/followThrough.js";
import { setThread } from "../../src/store/cases.js";
import { openStore, type Store } from "../../src/store/db.js";
import { outboxCountsByStatus } from "../../src/store/metrics.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { testRuntime, testServices } from "../support/runtime.js";
import { TestSmtp } from "../support/smtp.js";
import { eventually, mailEnv, order } from "../mail/harness.js";

const statuses = ["queued", "sent", "failed", "cancelled"] as const;
type Counts = Record<(typeof statuses)[number], number>;

/** delegering_outbox_messages by status, as /metrics serves it. */
async function scraped(app: TestApp): Promise<Counts> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const at = (status: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`delegering_outbox_messages{status="${status}"} `));
    return line === undefined ? NaN : Number(line.split(" ")[1]);
  };
  return Object.fromEntries(statuses.map((s) => [s, at(s)])) as Counts;
}

/** The outbox counted row by row, as /metrics did before the tally. */
async function counted(store: Store): Promise<Counts> {
  const rows = await store.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Counts;
  for (const r of rows) counts[r.status as keyof Counts] = r._count._all;
  return counts;
}

describe.each(backends())("delegering_outbox_messages on %s", (backend) => {
  let app: TestApp;
  const smtp = new TestSmtp();
  // Before the app's fixture, so it runs after the app has stopped (after-hooks run in reverse):
  // the app closes its pooled SMTP connections instead of the server waiting 30 s for them.
  afterAll(() => smtp.stop());
  // The app's own worker polls only on start; rows wait until the test wakes it.
  useTestApp((f) => ({ app } = f), async () => ({ ...mailEnv, SMTP_URL: (await smtp.start()).url, OUTBOX_POLL_MS: "600000" }), { backend });

  it("stays right through queueing, a cancellation, a refusal, a send and a retry, and its tally stays a row per status", async () => {
    const { store } = app.app;
    // A runtime of the test's own: its signals do not wake the app's worker.
    const rt = testRuntime(store.db, () => new Date());
    expect(await scraped(app)).toEqual({ queued: 0, sent: 0, failed: 0, cancelled: 0 });

    const cases = [];
    for (const key of ["a", "b", "c"]) {
      const { case: c } = await createCase(rt, { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: `tally-${key}` });
      await setThread(store.db, c.id, caseChannel, `1700000000.00010${cases.length}`);
      cases.push(c);
    }
    const [a, b, c] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    expect(await scraped(app)).toEqual({ queued: 3, sent: 0, failed: 0, cancelled: 0 });

    expect(await moveCase(rt, { reference: c.reference, to: "cancelled", actor: "U0ALICE", set: { closedReason: "Kunden trakk seg" } })).toMatchObject({ status: "moved" });
    expect(await scraped(app)).toEqual({ queued: 2, sent: 0, failed: 0, cancelled: 1 });

    // The first send to reach the server is refused for good (550), the other accepted. The two
    // go out at once over the pool, so either may be first.
    smtp.refuseNext(1, 550, "5.7.1 Relaying denied");
    app.app.runtime.signals.emit("outbox");
    const statusOf = async (id: number) => (await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: id } })).status;
    const refused = await eventually(async () => {
      const [sa, sb] = [await statusOf(a.id), await statusOf(b.id)];
      return sa === "failed" && sb === "sent" ? a : sa === "sent" && sb === "failed" ? b : undefined;
    }, "one failed and the other sent");
    expect(await scraped(app)).toEqual({ queued: 0, sent: 1, failed: 1, cancelled: 1 });

    expect(await retryFailedMail(testServices(rt), refused.reference, "U0ALICE")).toBe(1);
    expect(await scraped(app)).toEqual({ queued: 1, sent: 1, failed: 0, cancelled: 1 });
    app.app.runtime.signals.emit("outbox");
    await eventually(async () => (await statusOf(refused.id)) === "sent", "the refused one sent on the retry");
    const after = await scraped(app);
    expect(after).toEqual({ queued: 0, sent: 2, failed: 0, cancelled: 1 });
    expect(after).toEqual(await counted(store));

    // A scrape folds what it read: at most a row per status is left for the next one.
    const [tally] = await store.db.$queryRaw<Array<{ rows: number }>>`SELECT count(*)::int AS rows FROM "OutboxStatusTally"`;
    expect(tally?.rows).toBeLessThanOrEqual(statuses.length);
    // Two scrapes at once (two replicas) count the same, and still nothing twice.
    const [one, two] = await Promise.all([scraped(app), scraped(app)]);
    expect(one).toEqual(after);
    expect(two).toEqual(after);
    expect(await scraped(app)).toEqual(after);
  });
});

const tallyMigration = "20261204100000_outbox_status_tally";

describe.each(backends())("the tally's migration on %s", (backend) => {
  let tdb: TestDatabase | undefined;
  afterAll(() => tdb?.drop());

  it("counts the outbox rows stored before it, then follows every change of status", async () => {
    tdb = await freshDatabase(backend);
    // The schema as it was before the tally: the migrated template without it.
    const old = await tdb.open();
    await old.db.$executeRawUnsafe(`DROP TRIGGER "OutboxMessage_status_tally" ON "OutboxMessage"`);
    await old.db.$executeRawUnsafe(`DROP FUNCTION "outbox_status_tally"()`);
    await old.db.$executeRawUnsafe(`DROP TABLE "OutboxStatusTally"`);
    await old.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${tallyMigration}'`);
    // A case opened as the app opens it (its order email queued), and two later emails.
    const { case: c } = await createCase(testRuntime(old.db, new Date()), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "before-tally" });
    await old.db.outboxMessage.updateMany({ where: { caseId: c.id, kind: "order" }, data: { status: "sent" } });
    const row = { caseId: c.id, fromAddress: "a@b.no", toAddresses: [], ccAddresses: [], subject: "s", textBody: "t", htmlBody: "h" };
    await old.db.outboxMessage.createMany({
      data: [
        { ...row, kind: "followup-1", messageId: "<2@x>", status: "sent" },
        { ...row, kind: "followup-2", messageId: "<3@x>", status: "failed" },
      ],
    });
    await old.close();

    const store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    try {
      expect(store.applied).toEqual([tallyMigration]);
      expect(await outboxCountsByStatus(store.db)).toEqual({ sent: 2, failed: 1 });
      await store.db.outboxMessage.update({ where: { messageId: "<3@x>" }, data: { status: "queued" } });
      // An update that leaves the status as it was changes no count.
      await store.db.outboxMessage.update({ where: { messageId: "<3@x>" }, data: { status: "queued", lastError: "x" } });
      expect(await outboxCountsByStatus(store.db)).toEqual({ sent: 2, failed: 0, queued: 1 });
      // A case deleted takes its rows, and their counts, with it.
      await store.db.case.delete({ where: { id: c.id } });
      expect(await outboxCountsByStatus(store.db)).toEqual({ sent: 0, failed: 0, queued: 0 });
    } finally {
      await store.close();
    }
  });
});
