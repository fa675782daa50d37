import type { AddressObject } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { TestSmtp } from "../support/smtp.js";
import { caseNow, eventKinds, eventually, mailEnv, newCase, order, threadTexts } from "./harness.js";

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));

describe.each(backends())("the order email over SMTP on %s", (backend) => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase(backend);
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("sends every field with the exact subject and the stored Message-ID, then the case awaits Brreg", async () => {
    const c = await newCase(app);
    const stored = await caseNow(app, c.reference);
    const received = await smtp.waitFor(() => smtp.withId(stored.orderMessageId)[0]);
    const mail = await received.parse();

    expect(stored.orderMessageId).toMatch(/^<dlg-\d+\.[0-9a-f-]+@fjorddata\.no>$/);
    expect(mail.messageId).toBe(stored.orderMessageId);
    expect(mail.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang – Kunde & Sønn "Holding" AS (812345672) – TT02`);
    expect(addresses(mail.from)).toEqual(["delegering@fjorddata.no"]);
    expect(addresses(mail.to)).toEqual(["opendata@brreg.no"]);
    expect(addresses(mail.cc)).toEqual(["kari@fjorddata.no"]);
    expect(addresses(mail.replyTo)).toEqual(["team@fjorddata.no"]);
    expect(received.envelopeTo.sort()).toEqual(["kari@fjorddata.no", "opendata@brreg.no"]);

    const text = mail.text ?? "";
    // Grouped under the two headings, each on a line of its own.
    const vendor = text.slice(text.indexOf("\nSystemleverandør\n"), text.indexOf("\nKunden\n"));
    const customer = text.slice(text.indexOf("\nKunden\n"), text.indexOf("\nMiljø:"));
    expect(vendor.length).toBeGreaterThan(0);
    expect(customer.length).toBeGreaterThan(0);
    for (const line of [
      "Organisasjonsnummer: 920012345",
      "Navn: Fjorddata <Systemer> AS",
      "Testansvarlig: Kari Nordmann",
      "E-post til testansvarlig: kari@fjorddata.no",
      "Telefon til testansvarlig: +4791234567",
    ]) {
      expect(vendor).toContain(line);
    }
    for (const line of [
      "Organisasjonsnummer: 812345672",
      'Navn: Kunde & Sønn "Holding" AS',
      "Testansvarlig: Ola Ødegård",
      "E-post til testansvarlig: ola@kunde.no",
      "Telefon til testansvarlig: +4740000000",
    ]) {
      expect(customer).toContain(line);
    }
    expect(text).toContain("Miljø: TT02 (testmiljø)");
    const html = String(mail.html);
    expect(html).toContain("Fjorddata &lt;Systemer&gt; AS");
    expect(html).toContain("Kunde &amp; Sønn &quot;Holding&quot; AS");
    expect(html).toContain("Ola Ødegård");
    expect(html).not.toContain("<Systemer>");

    const after = await eventually(async () => {
      const now = await caseNow(app, c.reference);
      return now.stage === "awaiting_brreg" && now;
    }, "the case to reach awaiting_brreg");
    const said = await slack.waitFor(() => threadTexts(slack, after.threadTs).find((t) => t.includes("ble sendt")));
    expect(said).toContain("opendata@brreg.no");
    expect(said).toContain("kari@fjorddata.no");
    const row = await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, previewPath: null });
    expect(await eventKinds(app, c.id)).toEqual(["created", "mail_sent", "stage:awaiting_brreg"]);
  });

  it("leaves out the Cc when ORDER_CC_VENDOR_CONTACT is off and says production in the subject", async () => {
    const quiet = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url, ORDER_CC_VENDOR_CONTACT: "false", MAIL_REPLY_TO: undefined });
    try {
      const c = await newCase(quiet, { ...order, environment: "production" });
      const received = await smtp.waitFor(() => smtp.withId(c.orderMessageId)[0]);
      const mail = await received.parse();
      expect(mail.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang – Kunde & Sønn "Holding" AS (812345672) – produksjon`);
      expect(mail.cc).toBeUndefined();
      expect(mail.replyTo).toBeUndefined();
      expect(received.envelopeTo).toEqual(["opendata@brreg.no"]);
      await eventually(async () => (await caseNow(quiet, c.reference)).stage === "awaiting_brreg", "awaiting_brreg");
    } finally {
      await quiet.stop();
    }
  });
});

describe("retries, failures and the retry button", () => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let db: TestDatabase;
  let app: TestApp;
  // The app's clock: the tests move it past each backoff instead of waiting.
  let clock = Date.parse("2026-11-24T09:00:00Z");
  const advance = (seconds: number) => {
    clock += seconds * 1000;
    app.app.runtime.signals.emit("outbox");
  };

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    smtp = await new TestSmtp().start();
    db = await freshDatabase();
    app = await startTestApp(slack, db, { ...mailEnv, SMTP_URL: smtp.url, OUTBOX_GIVE_UP_HOURS: "2" }, { now: () => new Date(clock) });
  });
  afterEach(() => {
    smtp.refuseAll(undefined);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await slack?.stop();
    await db?.drop();
  });

  const failedAttempts = async (caseId: number) =>
    app.app.store.db.caseEvent.findMany({ where: { caseId, kind: "mail_retrying" }, orderBy: { id: "asc" } });

  it("451 three times, then 250: delivered once after four attempts, backing off 1, 2, 4 minutes, the thread told once", async () => {
    smtp.refuseNext(3, 451, "4.7.1 Greylisted, please try again");
    const before = smtp.attempts;
    const c = await newCase(app);
    for (const [n, wait] of [
      [1, 60],
      [2, 120],
      [3, 240],
    ] as const) {
      const failed = await eventually(async () => {
        const events = await failedAttempts(c.id);
        return events.length === n && events;
      }, `failed attempt ${n}`);
      const last = failed.at(-1)!.details as { nextAttemptAt: string; error: string };
      expect(Date.parse(last.nextAttemptAt) - clock).toBe(wait * 1000);
      expect(last.error).toContain("451");
      advance(wait);
    }
    await smtp.waitFor(() => smtp.withId(c.orderMessageId).length > 0);
    const after = await eventually(async () => {
      const now = await caseNow(app, c.reference);
      return now.stage === "awaiting_brreg" && now;
    }, "awaiting_brreg");
    expect(smtp.attempts - before).toBe(4);
    expect(smtp.withId(c.orderMessageId)).toHaveLength(1);
    const row = await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 4, retryNotified: true });
    const thread = threadTexts(slack, after.threadTs);
    expect(thread.filter((t) => t.includes("prøver igjen automatisk"))).toHaveLength(1);
    expect(thread.find((t) => t.includes("prøver igjen automatisk"))).toContain("4.7.1 Greylisted");
    await slack.waitFor(() => threadTexts(slack, after.threadTs).find((t) => t.includes("ble sendt")));
  });

  it("550: failed at once with the server's answer and a retry button; the button sends it, a second click is told politely", async () => {
    smtp.refuseAll(550, "5.7.1 Relaying denied for <opendata@brreg.no>");
    const before = smtp.attempts;
    const c = await newCase(app);
    const row = await eventually(async () => {
      const r = await app.app.store.db.outboxMessage.findFirst({ where: { caseId: c.id, status: "failed" } });
      return r;
    }, "the row to fail");
    expect(smtp.attempts - before).toBe(1);
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("550 5.7.1 Relaying denied");
    const stored = await caseNow(app, c.reference);
    expect(stored.stage).toBe("order_pending");

    const post = await slack.waitFor(() =>
      slack.callsOf("chat.postMessage").find((p) => p.args.thread_ts === stored.threadTs && String(p.args.text).includes("kunne ikke sendes")),
    );
    // The server's text is shown, with its angle brackets escaped for mrkdwn.
    expect(String(post.args.text)).toContain("550 5.7.1 Relaying denied for &lt;opendata@brreg.no&gt;");
    const button = JSON.stringify(post.args.blocks);
    expect(button).toContain('"action_id":"retry_order"');
    expect(button).toContain(`"value":"${c.reference}"`);
    expect(button).toContain("Prøv igjen");

    smtp.refuseAll(undefined);
    const click = (responseUrl: string) => ({
      type: "block_actions",
      user: { id: "U0BOB", username: "bob", team_id: "T0TEST" },
      team: { id: "T0TEST", domain: "test" },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: "trigger.1",
      response_url: responseUrl,
      channel: { id: stored.channelId },
      container: { type: "message", message_ts: String(post.response.ts), channel_id: stored.channelId, is_ephemeral: false },
      message: { ts: post.response.ts, text: post.args.text },
      actions: [{ type: "button", action_id: "retry_order", block_id: "b", value: c.reference, action_ts: "1" }],
    });
    const first = slack.responseUrl();
    const res = await app.interact(click(first));
    expect(res.status).toBe(200);
    const answer = await slack.waitFor(() => slack.responses.find((r) => first.endsWith(`/response/${r.id}`)));
    expect(String(answer.body.text)).toContain("lagt i køen igjen");
    expect(answer.body.response_type).toBe("ephemeral");

    await smtp.waitFor(() => smtp.withId(c.orderMessageId).length > 0);
    await eventually(async () => (await caseNow(app, c.reference)).stage === "awaiting_brreg", "awaiting_brreg after the retry");
    expect(await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } })).toMatchObject({ status: "sent", attempts: 2 });

    const second = slack.responseUrl();
    await app.interact(click(second));
    const stale = await slack.waitFor(() => slack.responses.find((r) => second.endsWith(`/response/${r.id}`)));
    expect(String(stale.body.text)).toContain("ingen e-post");
    expect(smtp.withId(c.orderMessageId)).toHaveLength(1);
  });

  it("gives up after OUTBOX_GIVE_UP_HOURS of temporary failures and shows the last answer", async () => {
    smtp.refuseAll(421, "4.4.2 Service busy");
    const c = await newCase(app);
    const created = clock;
    // Failures at 0, 1, 3, 7, 15, 31 and 63 minutes (the wait doubling from 1 minute, capped at
    // an hour), one last try right at the 2-hour limit, then the row fails.
    for (let n = 1; ; n++) {
      const events = await eventually(async () => {
        const e = await app.app.store.db.caseEvent.findMany({ where: { caseId: c.id, kind: { in: ["mail_retrying", "mail_failed"] } }, orderBy: { id: "asc" } });
        return e.length === n && e;
      }, `attempt ${n} to end`);
      const last = events.at(-1)!;
      if (last.kind === "mail_failed") break;
      expect(n).toBeLessThan(10);
      clock = Date.parse((last.details as { nextAttemptAt: string }).nextAttemptAt);
      app.app.runtime.signals.emit("outbox");
    }
    expect(clock - created).toBe(2 * 3_600_000);
    const row = await app.app.store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    const stored = await caseNow(app, c.reference);
    const failedPost = await slack.waitFor(() => threadTexts(slack, stored.threadTs).find((t) => t.includes("kunne ikke sendes")));
    expect(failedPost).toContain("421 4.4.2 Service busy");
    expect(threadTexts(slack, stored.threadTs).filter((t) => t.includes("prøver igjen automatisk"))).toHaveLength(1);
  });
});
