import { afterAll, describe, expect, it } from "vitest";
import { orgnrSchema } from "../../src/domain/orgnr.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { noticesSettled } from "../support/cases.js";
import { FakeEnhetsregisteret } from "../support/fakeEnhetsregisteret.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { OrderModal, text, vendor } from "./intakeDriver.js";

// 50 customers imported at once into one case channel, while Slack holds the app to its
// documented pace for chat.postMessage: one a second per channel, 429 with Retry-After beyond it.
// Some 150 posts at one a second: minutes, so this runs on the embedded database only (the
// claims' behaviour on PostgreSQL is covered by test/store/slackNotices.test.ts and the replica tests).

function validOrgnrs(n: number): string[] {
  const out: string[] = [];
  for (let k = 913000000; out.length < n; k++) if (orgnrSchema.safeParse(String(k)).success) out.push(String(k));
  return out;
}

describe("an import of 50 customers while Slack rate-limits the case channel", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const register = new FakeEnhetsregisteret();
  useTestApp(
    (f) => ({ slack, app } = f),
    async () => ({ ENHETSREGISTERET_URL: (await register.start()).url, HOME_REFRESH_SECONDS: "0" }),
  );
  afterAll(() => register.stop());

  it("posts 50 root messages, each once, and every thread's notices in order", { timeout: 600_000 }, async () => {
    const lines = validOrgnrs(50).map((orgnr, i) => `${orgnr};Rate Kunde ${String(i)} AS;Ola Nordmann;ola@kunde-${String(i)}.no;91234567`);
    slack.rateLimit({ perSecond: 1, retryAfter: 1 });
    const modal = new OrderModal(app, slack);
    await modal.open("import");
    slack.files.set("F0RATE50", lines.join("\n"));
    // Customer access pending: each case owes its root, "created" and the text for the customer.
    const checked = await modal.submit({ ...vendor, customer_access: "pending", customers: null, customers_file: "F0RATE50" });
    expect(checked.body).toMatchObject({ response_action: "update", view: { callback_id: "import_review" } });
    while (text(modal.view).includes("sjekker registeret")) await modal.nextUpdate();
    expect(text(modal.view)).toContain("50 klare, 0 med feil");
    const sent = await modal.submit();
    expect(sent.body).toMatchObject({ response_action: "update", view: { callback_id: "import_sending" } });
    // 50 cases opened, then up to 10 s for the root messages Slack's pace lets through.
    const done = await modal.nextUpdate(60_000);
    expect(done.callback_id).toBe("import_done");

    const cases = await app.app.runtime.db.case.findMany({ where: { customerName: { startsWith: "Rate Kunde" } }, orderBy: { id: "asc" } });
    expect(cases).toHaveLength(50);
    for (const c of cases) expect(text(done)).toContain(c.reference);
    await noticesSettled(app, 480_000);

    // Slack did refuse posts beyond its pace, and every one was posted later.
    expect(slack.callsOf("chat.postMessage").filter((p) => p.response.error === "ratelimited").length).toBeGreaterThan(0);
    const stored = await app.app.runtime.db.case.findMany({ where: { id: { in: cases.map((c) => c.id) } }, orderBy: { id: "asc" } });
    for (const c of stored) {
      const roots = slack.messages.filter((m) => m.channel === caseChannel && !m.thread_ts && JSON.stringify(m.blocks ?? "").includes(`${c.reference} `));
      expect(roots, c.reference).toHaveLength(1);
      expect(roots[0]!.ts).toBe(c.threadTs);
      const thread = slack.messages.filter((m) => m.thread_ts === c.threadTs).map((m) => String(m.text));
      expect(thread, c.reference).toHaveLength(2);
      expect(thread[0]).toContain(`opprettet ${c.reference}`);
      expect(thread[1]).toContain("Videresend teksten under til kunden");
    }
    expect(await app.app.runtime.db.slackNotice.count({ where: { caseId: { in: cases.map((c) => c.id) }, status: { not: "posted" } } })).toBe(0);
  });
});
