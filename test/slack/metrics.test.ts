import { afterAll, describe, expect, it } from "vitest";
import { createCase } from "../../src/service/cases.js";
import { setThread } from "../../src/store/cases.js";
import { useTestApp } from "../support/appFixture.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { noticesSettled, openTestCase } from "../support/cases.js";
import { testRuntime } from "../support/runtime.js";
import { TestSmtp } from "../support/smtp.js";
import { eventually, mailEnv, order } from "../mail/harness.js";

// Prometheus text format 0.0.4: HELP and TYPE comments, and `name{labels} value` samples.
const help = /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/;
const type = /^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$/;
const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? -?(\d+(\.\d+)?(e[+-]?\d+)?|NaN|\+Inf|-Inf)$/;

async function scrape(app: TestApp): Promise<{ text: string; contentType: string | null }> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  return { text: await res.text(), contentType: res.headers.get("content-type") };
}

function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  let app: TestApp;
  const smtp = new TestSmtp();
  // Before the app's fixture, so it runs after the app has stopped (after-hooks run in reverse):
  // the app closes its pooled SMTP connections instead of the server waiting 30 s for them.
  afterAll(() => smtp.stop());
  // The app's own worker polls only on start; the row below waits until the test wakes it.
  useTestApp((f) => ({ app } = f), async () => ({ ...mailEnv, SMTP_URL: (await smtp.start()).url, OUTBOX_POLL_MS: "600000" }));

  it("answers in Prometheus text format, every line well formed", async () => {
    const { text, contentType } = await scrape(app);
    expect(contentType).toContain("text/plain");
    for (const line of text.split("\n").filter((l) => l !== "")) {
      expect(help.test(line) || type.test(line) || sample.test(line), line).toBe(true);
    }
    for (const name of [
      "delegering_outbox_messages",
      "delegering_outbox_oldest_queued_age_seconds",
      "delegering_open_cases",
      "delegering_reminders_due",
      "delegering_imap_last_success_timestamp_seconds",
      "delegering_slack_api_errors_total",
      "delegering_slack_notices",
      "delegering_slack_notice_oldest_pending_age_seconds",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('delegering_open_cases{stage="awaiting_brreg"} ');
  });

  it("moves the outbox gauge when a row is queued and then sent", async () => {
    const queued = 'delegering_outbox_messages{status="queued"}';
    const sent = 'delegering_outbox_messages{status="sent"}';
    const before = await scrape(app);
    const queuedBefore = value(before.text, queued) ?? 0;
    const sentBefore = value(before.text, sent) ?? 0;

    const { store } = app.app;
    const { case: c } = await createCase(testRuntime(store.db, new Date()), { order, workspaceId: "T0TEST", ownerUserId: "U0ALICE", creationKey: "metrics-row" });
    await setThread(store.db, c.id, caseChannel, "1700000000.000044");
    const waiting = await scrape(app);
    expect(value(waiting.text, queued)).toBe(queuedBefore + 1);
    expect(value(waiting.text, "delegering_outbox_oldest_queued_age_seconds")).toBeGreaterThanOrEqual(0);

    app.app.runtime.signals.emit("outbox");
    await eventually(async () => (await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } })).status === "sent", "the row sent");
    const after = await scrape(app);
    expect(value(after.text, queued)).toBe(queuedBefore);
    expect(value(after.text, sent)).toBe(sentBefore + 1);
  });

  it("counts the notices owed to Slack while it refuses them, and as posted once it takes them", async () => {
    const pending = 'delegering_slack_notices{status="pending"}';
    const posted = 'delegering_slack_notices{status="posted"}';
    await noticesSettled(app);
    const postedBefore = value((await scrape(app)).text, posted) ?? 0;
    expect(value((await scrape(app)).text, pending)).toBe(0);
    const outage = app.slack.fail("chat.postMessage", { error: "service_unavailable" });
    try {
      // Root, "created" and the text for the customer.
      await openTestCase(app, { ...order, customer_access: "pending" }, "U0ALICE", { waitForThread: false });
      await app.slack.waitFor(() => app.slack.callsOf("chat.postMessage").find((p) => p.response.error === "service_unavailable"));
      const waiting = await scrape(app);
      expect(value(waiting.text, pending)).toBe(3);
      expect(value(waiting.text, "delegering_slack_notice_oldest_pending_age_seconds")).toBeGreaterThan(0);
    } finally {
      outage();
    }
    await noticesSettled(app);
    const after = await scrape(app);
    expect(value(after.text, pending)).toBe(0);
    expect(value(after.text, posted)).toBe(postedBefore + 3);
    expect(value(after.text, "delegering_slack_notice_oldest_pending_age_seconds")).toBe(0);
    expect(value(after.text, 'delegering_slack_api_errors_total{operation="notice_root"}')).toBeGreaterThan(0);
  });
});
