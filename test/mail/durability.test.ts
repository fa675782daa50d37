import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOutboxWorker } from "../../src/mail/outboxWorker.js";
import { advanceCase } from "../../src/service/cases.js";
import { createCase } from "../../src/service/cases.js";
import { setThread } from "../../src/store/cases.js";
import { testRuntime } from "../support/runtime.js";
import { claimDue } from "../../src/store/outbox.js";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.js";
import { useTestApp } from "../support/appFixture.js";
import { backends, freshDatabase, hasPostgres, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { caseChannel, freePort, startTestApp, type TestApp } from "../support/app.js";
import { TestSmtp } from "../support/smtp.js";
import { caseNow, eventually, mailEnv, newCase, order, threadTexts } from "./harness.js";

describe.each(backends())("the outbox across a restart on %s", (backend) => {
  let slack: FakeSlack;
  let smtp: TestSmtp | undefined;
  let db: TestDatabase;
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("keeps the queued email while no SMTP server answers, and delivers it after the app starts again", async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    const port = await freePort();
    const env = { ...mailEnv, SMTP_URL: `smtp://127.0.0.1:${port}` };

    // Nothing listens on the port: connection refused, a temporary failure.
    const first = await startTestApp(slack, db, env);
    apps.push(first);
    const c = await newCase(first);
    const row = await eventually(
      async () => (await first.app.store.db.outboxMessage.findFirst({ where: { caseId: c.id, lastError: { not: null } } })) ?? undefined,
      "the first attempt to fail",
    );
    expect(row.status).toBe("queued");
    expect(row.lastError).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    const stored = await caseNow(first, c.reference);
    await slack.waitFor(() => threadTexts(slack, stored.threadTs).find((t) => t.includes("prøver igjen automatisk")));
    await first.stop();

    smtp = await new TestSmtp().start(port);
    // Later: the row is due again when the app comes back.
    const second = await startTestApp(slack, db, env, { now: () => new Date(Date.now() + 10 * 60_000) });
    apps.push(second);
    await smtp.waitFor(() => smtp!.withId(c.orderMessageId).length > 0);
    await eventually(async () => (await caseNow(second, c.reference)).stage === "awaiting_brreg", "awaiting_brreg");
    expect(await second.app.store.db.outboxMessage.count()).toBe(1);
    await second.stop();
    expect(smtp.withId(c.orderMessageId)).toHaveLength(1);
  });
});

describe("preview mode (no SMTP_URL)", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase();
    // Preview mode as it runs out of the box: no SMTP_URL, no MAIL_FROM.
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: undefined, MAIL_FROM: undefined });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("writes a parseable .eml into DATA_DIR/outbox and says plainly in the thread that nothing was sent", async () => {
    const c = await newCase(app);
    const after = await eventually(async () => {
      const now = await caseNow(app, c.reference);
      return now.stage === "awaiting_brreg" && now;
    }, "awaiting_brreg");
    const path = join(db.dataDir, "outbox", `${c.reference}.eml`);
    const row = await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "sent", previewPath: path });

    const mail = await simpleParser(await readFile(path));
    expect(mail.messageId).toBe(c.orderMessageId);
    expect(mail.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang – Kunde & Sønn "Holding" AS (812345672) – TT02`);
    expect(mail.text).toContain("Telefon til testansvarlig: +4740000000");
    expect(mail.from?.value[0]?.address).toBe("delegering@localhost");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe("opendata@brreg.no");

    const said = await slack.waitFor(() => threadTexts(slack, after.threadTs).find((t) => t.includes("Ingenting ble sendt")));
    expect(said).toContain(escapeMrkdwn(path));
    expect(threadTexts(slack, after.threadTs).some((t) => t.includes("ble sendt") && !t.includes("Ingenting"))).toBe(false);
    const events = await app.app.store.db.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["created", "mail_previewed", "stage:awaiting_brreg"]);
  });
});

describe("header safety at the last step", () => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase();
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it.each([
    ["subject", { subject: "[DLG-1] Bestilling\r\nBcc: someone@evil.example" }],
    ["cc", { ccAddresses: ["kari@fjorddata.no\r\nBcc: someone@evil.example"] }],
    ["replyTo", { replyTo: "team@fjorddata.no\nX-Injected: yes" }, "line break"],
    ["to", { toAddresses: ["opendata@brreg.no, someone@evil.example"] }, "not a plain e-mail address"],
  ])("refuses a stored row whose %s could break out of its header: nothing reaches SMTP, the row fails", async (field, bad, problem = "line break") => {
    // A case still waiting for the customer has no outbox row; put a tampered one in by hand.
    const c = await newCase(app, { ...order, customer_access: "pending" });
    const before = smtp.attempts;
    const row = await app.app.store.db.outboxMessage.create({
      data: {
        caseId: c.id,
        kind: "order",
        messageId: `<tampered.${c.id}@fjorddata.no>`,
        fromAddress: "delegering@fjorddata.no",
        toAddresses: ["opendata@brreg.no"],
        ccAddresses: [],
        subject: "[DLG-1] Bestilling",
        textBody: "x",
        htmlBody: "<p>x</p>",
        ...bad,
      },
    });
    app.app.runtime.signals.emit("outbox");
    const failed = await eventually(
      async () => (await app.app.store.db.outboxMessage.findFirst({ where: { id: row.id, status: "failed" } })) ?? undefined,
      "the row to fail",
    );
    expect(failed.lastError).toContain(field);
    expect(failed.lastError).toContain(problem);
    expect(smtp.attempts).toBe(before);
  });
});


describe("a burst on the embedded database", () => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("sends 30 queued emails over the pool, each once", async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase("pglite");
    const store = await db.open();
    try {
      for (let i = 0; i < 30; i++) {
        const { case: c } = await createCase(testRuntime(store.db, new Date(), { ORDER_CC_VENDOR_CONTACT: "false" }), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: `burst-${i}` });
        await setThread(store.db, c.id, caseChannel, `1700000000.${String(i).padStart(6, "0")}`);
      }
    } finally {
      await store.close();
    }
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url });
    await smtp.waitFor(() => smtp.received.length >= 30, 60_000);
    const running = app;
    await eventually(async () => (await running.app.store.db.case.count({ where: { stage: "awaiting_brreg" } })) === 30, "30 cases awaiting Brreg", 60_000);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(30);
    expect(smtp.received).toHaveLength(30);
  });
});

describe.skipIf(!hasPostgres())("two replicas on one PostgreSQL", () => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
  });
  afterAll(async () => {
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("send 200 queued emails between them, each exactly once", async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    // Each message takes a moment, so both replicas are sending at the same time.
    smtp.delayMs = 5;
    db = await freshDatabase("postgresql");
    const store = await db.open();
    const now = new Date();
    try {
      for (let i = 0; i < 200; i++) {
        const { case: c } = await createCase(testRuntime(store.db, now, { ORDER_CC_VENDOR_CONTACT: "false" }), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: `bulk-${i}` });
        // as if each root message had been posted: the outbox waits for a case's thread
        await setThread(store.db, c.id, caseChannel, `1700000000.${String(i).padStart(6, "0")}`);
      }
    } finally {
      await store.close();
    }

    const env = { ...mailEnv, SMTP_URL: smtp.url, OUTBOX_POLL_MS: "100" };
    apps.push(...(await Promise.all([startTestApp(slack, db, env), startTestApp(slack, db, env)])));
    const [a] = apps;
    await smtp.waitFor(() => smtp.received.length >= 200, 60_000);
    await eventually(async () => (await a!.app.store.db.outboxMessage.count({ where: { status: "sent" } })) === 200, "200 rows sent", 60_000);
    for (const x of apps.splice(0)) await x.stop();

    expect(smtp.received).toHaveLength(200);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(200);
    const check = await db.open();
    try {
      const rows = await check.db.outboxMessage.findMany({ select: { messageId: true, attempts: true } });
      expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(smtp.received.map((m) => m.messageId)));
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect(await check.db.case.count({ where: { stage: "awaiting_brreg" } })).toBe(200);
    } finally {
      await check.close();
    }
  });
});

describe.each(backends())("an order recorded as sent whose case never moved on %s", (backend) => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("is moved to awaiting_brreg by the next outbox pass, and not sent again", async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    const store = await db.open();
    let caseId: number;
    try {
      const sentAt = new Date(Date.now() - 5 * 60_000);
      const { case: c } = await createCase(testRuntime(store.db, new Date(sentAt.getTime() - 60_000), { ORDER_CC_VENDOR_CONTACT: "false" }), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "sent-not-moved" });
      caseId = c.id;
      await setThread(store.db, c.id, caseChannel, "1700000000.000001");
      // markSent committed, then the worker died (or the database blinked) before the case moved.
      await store.db.outboxMessage.updateMany({ where: { caseId: c.id }, data: { status: "sent", sentAt, attempts: 1 } });
    } finally {
      await store.close();
    }
    app = await startTestApp(slack, db, mailEnv);
    const running = app;
    await eventually(async () => (await running.app.store.db.case.findUniqueOrThrow({ where: { id: caseId } })).stage === "awaiting_brreg", "the case to await Brreg");
    const row = await running.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, previewPath: null });
  });
});

describe.each(backends())("an order claimed by a worker and cancelled before it went out on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  const smtp = new TestSmtp();
  // Before the app's fixture, so it runs after the app has stopped (after-hooks run in reverse):
  // the app closes its pooled SMTP connections instead of the server waiting 30 s for them.
  afterAll(() => smtp.stop());
  // The app's own worker only polls on start; the case below is made without signalling it.
  useTestApp((f) => ({ slack, app } = f), async () => ({ ...mailEnv, SMTP_URL: (await smtp.start()).url, OUTBOX_POLL_MS: "600000" }), { backend });

  it("is not sent, stays cancelled, and the thread hears of no email", async () => {
    const { services, store } = app.app;
    const { case: c } = await createCase(testRuntime(store.db, new Date(), { ORDER_CC_VENDOR_CONTACT: "false" }), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "claimed-then-cancelled" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000042");

    // Another worker claims the row, and the case is cancelled before that worker sends it.
    const claimed = await claimDue(store.db, new Date(), 60_000, 10);
    expect(claimed.map((r) => r.caseId)).toEqual([c.id]);
    const cancelled = await advanceCase(services, { reference: c.reference, to: "cancelled", actor: "U0ALICE", set: { closedReason: "Kunden trakk seg" } });
    expect(cancelled.status).toBe("moved");
    await createOutboxWorker(services).sendClaimed(claimed);

    expect(smtp.received).toHaveLength(0);
    const row = await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "cancelled", sentAt: null });
    expect((await store.db.case.findUniqueOrThrow({ where: { id: c.id } })).stage).toBe("cancelled");
    expect(slack.allText()).not.toContain("E-posten med bestillingen ble sendt");
  });
});
