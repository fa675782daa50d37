import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageLabel } from "../../src/domain/stages.js";
import { noticeEventType } from "../../src/slack/noticeSearch.js";
import { brregReplyTo } from "../mail/inboxMail.js";
import { order } from "../mail/harness.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { noticesSettled, openTestCase, reloadCase } from "../support/cases.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import { FakeMaskinporten, makeClientKey } from "../support/fakeMaskinporten.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { moveTo, until } from "./followupHelpers.js";

// The incident of issue 18, as a user met it: Slack's Web API answers service_unavailable for
// 90 s while Brreg's reply arrives in the mailbox and Maskinporten then issues the delegated token.

const owner = "U0ALICE";
const ownerDm = "D0ALICE";
const scope = "brreg:reelle/rapporteringspliktig";
const outageMs = 90_000;

describe.skipIf(!hasDovecot()).each(backends())("Slack down for 90 s while the case is confirmed and verified, on %s", (backend) => {
  const key = makeClientKey();
  let dovecot: TestDovecot;
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    dovecot = await TestDovecot.start();
    slack = await new FakeSlack().start();
    mp = await new FakeMaskinporten({ clientId: "vendor-client", kid: "vendor-kid", publicKey: key.publicKey, supplierOrgnr: order.vendor_orgnr }).start();
    mp.clientScopes.add(scope);
    db = await freshDatabase(backend);
    app = await startTestApp(slack, db, {
      IMAP_URL: dovecot.url,
      MAIL_FROM: "delegering@fjorddata.no",
      HOME_REFRESH_SECONDS: "0",
      MASKINPORTEN_TEST_CLIENT_ID: "vendor-client",
      MASKINPORTEN_TEST_KID: "vendor-kid",
      MASKINPORTEN_TEST_PRIVATE_KEY_FILE: key.privateKeyFile,
      MASKINPORTEN_TEST_URL: mp.url,
      MASKINPORTEN_TEST_SCOPES: scope,
      DELEGATION_POLL_MIN_SECONDS: "1",
      SCHEDULER_POLL_MS: "250",
    });
  });
  afterAll(async () => {
    await app?.stop();
    await mp?.stop();
    await slack?.stop();
    await dovecot?.dispose();
    await db?.drop();
    rmSync(key.dir, { recursive: true, force: true });
  });

  it("posts the owner's guidance DM, the thread's notices in order and the root showing verified, each once, within a minute of Slack answering again", { timeout: 300_000 }, async () => {
    const opened = await openTestCase(app, order, owner);
    const c = await moveTo(app, opened.reference, "awaiting_brreg");
    // The order's preview is written (and its notice owed) before Slack goes down.
    await until(async () => (await app.app.runtime.db.outboxMessage.findFirst({ where: { caseId: c.id, status: "sent" } })) !== null, "the order written");
    await noticesSettled(app);
    const threadTs = (await reloadCase(app, c.reference)).threadTs!;
    const before = slack.messages.length;

    const outageEnds = Date.now() + outageMs;
    slack.fail("*", { error: "service_unavailable", until: outageEnds });
    mp.delegate(c.customerOrgnr, scope);
    await dovecot.append(await brregReplyTo(app, c));

    // The case moves on by mail and Maskinporten alone while Slack refuses everything.
    for (;;) {
      if ((await reloadCase(app, c.reference)).stage === "verified") break;
      if (Date.now() > outageEnds) throw new Error(`${c.reference} was not verified during Slack's outage`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(slack.messages.length).toBe(before);
    expect(slack.calls.some((call) => call.response.error === "service_unavailable")).toBe(true);
    const owed = await app.app.runtime.db.slackNotice.count({ where: { caseId: c.id, status: "pending" } });
    expect(owed).toBeGreaterThanOrEqual(4);

    // Slack answers again; within a minute everything owed is posted.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
    await noticesSettled(app, 60_000);

    const added = slack.messages.slice(before);
    const thread = added.filter((m) => m.thread_ts === threadTs).map((m) => String(m.text));
    expect(thread, thread.join("\n---\n")).toHaveLength(2);
    expect(thread[0]).toContain("Brreg har bekreftet bestillingen");
    expect(thread[1]).toContain("Delegeringen ble oppdaget automatisk");
    expect(thread[1]).toContain("Saken er verifisert");
    const dms = added.filter((m) => m.channel === ownerDm);
    expect(dms).toHaveLength(2);
    const guidance = JSON.stringify(dms[0]!.blocks);
    expect(guidance).toContain("https://tt02.altinn.no");
    expect(guidance).toContain(c.vendorOrgnr);
    expect(JSON.stringify(dms[1]!.blocks)).toContain(scope);
    // The root message ends showing the case verified.
    const root = slack.messages.find((m) => m.channel === caseChannel && m.ts === threadTs)!;
    expect(JSON.stringify(root.blocks)).toContain(stageLabel.verified.nb);
    // Each notice once: no message carries the same row's id twice.
    const ids = slack.withMetadata(noticeEventType).map((m) => `${String(m.metadata!.event_payload.notice_id)}${m.metadata!.event_payload.part ? ":root" : ""}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await app.app.runtime.db.slackNotice.count({ where: { caseId: c.id, status: { not: "posted" } } })).toBe(0);
  });
});
