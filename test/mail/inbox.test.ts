import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import { advanceCase } from "../../src/service/cases.js";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { answerTo, click, freshCase, moveTo, newCase, submit, until, untilStage } from "../slack/followupHelpers.js";
import {
  autoAcknowledgement,
  blankLineReport,
  bounceOf,
  brregReplyTo,
  databaseDump,
  identityNumber,
  mailWithNulInIds,
  orderEmailOf,
  ourAuthservId,
  strayBrregMail,
  withHeadersOnTop,
} from "./inboxMail.js";

const owner = "U0OWNER";
const ownerDm = "D0OWNER";

describe.skipIf(!hasDovecot()).each(backends())("the mailbox watcher against Dovecot on %s", (backend) => {
  let dovecot: TestDovecot;
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp;
  let logs: RecordingLogger;

  beforeAll(async () => {
    dovecot = await TestDovecot.start();
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    logs = new RecordingLogger();
    app = await startTestApp(
      slack,
      db,
      { IMAP_URL: dovecot.url, IMAP_POLL_SECONDS: "60", MAIL_FROM: "delegering@fjorddata.no", OUTBOX_POLL_MS: "600000", MAIL_AUTHSERV_ID: ourAuthservId },
      { logger: logs },
    );
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await dovecot?.dispose();
    await db?.drop();
  });

  async function awaitingBrreg(environment: "tt02" | "production" = "tt02"): Promise<CaseRecord> {
    const c = await newCase(app, "confirmed");
    if (environment === "production") await app.app.runtime.db.case.update({ where: { id: c.id }, data: { environment } });
    return moveTo(app, c.reference, "awaiting_brreg");
  }

  const threadOf = (c: CaseRecord) => slack.callsOf("chat.postMessage").filter((x) => x.args.thread_ts === c.threadTs).map((x) => String(x.args.text));
  /** The guidance DM to the owner about this case. */
  const guidanceDm = (c: CaseRecord) =>
    slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === ownerDm && String(x.args.text).includes(`bekreftet ${c.reference} `)));
  const inbound = (caseId: number) => app.app.runtime.db.inboundMail.findMany({ where: { caseId }, orderBy: { id: "asc" } });
  /** The case's mail rows once there are `count` of them. */
  const handled = (caseId: number, count: number, what: string) =>
    until(async () => {
      const r = await inbound(caseId);
      return r.length === count ? r : null;
    }, what);

  it("moves a case on Brreg's reply, tells the thread and the owner, and keeps the identity number out of everything", async () => {
    const c = await awaitingBrreg();
    await dovecot.append(await brregReplyTo(app, c));

    const moved = await untilStage(app, c.reference, "awaiting_delegation");
    const thread = await slack.waitFor(() => threadOf(moved).find((t) => t.includes("Brreg har bekreftet bestillingen")));
    expect(thread).toContain(`<@${owner}>`);
    // Addresses taken from the mail are shown defanged, so Slack makes no mailto: links of them.
    expect(thread).toContain("innloggingsopplysninger til kari@leverandor[.]no, ola@kunde[.]no");

    const dm = await guidanceDm(c);
    const dmText = JSON.stringify(dm.args.blocks);
    expect(dmText).toContain("https://tt02.altinn.no");
    expect(dmText).toContain("fiktive personen");
    expect(dmText).toContain("e-posten fra Brreg til kari@leverandor[.]no og ola@kunde[.]no");
    expect(dmText).toContain("brreg:reelle/");
    expect(dmText).toContain(c.vendorOrgnr);
    expect(dmText).toContain('"action_id":"report_scope"');

    const events = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } });
    expect(events.map((e) => e.actor)).toEqual(["mail"]);
    const [mail] = await inbound(c.id);
    expect(mail).toMatchObject({ classification: "confirmation", fromAddress: "opendata@brreg.no" });
    expect(mail!.subject).toContain(`SV: [${c.reference}]`);

    // The fixture's identity number, in either spelling, is nowhere: not in any table, not in a
    // log line, not in anything sent to Slack. The dump itself does hold the mail's subject.
    const dump = await databaseDump(app);
    expect(dump).toContain(`SV: [${c.reference}]`);
    // The handling's last log line first, so every line about this mail is in what is checked.
    await until(() => logs.text().includes(`confirmation (${c.reference})`), "the log line of the confirmation");
    for (const text of [dump, logs.text(), slack.allText()]) expect(text).not.toContain(identityNumber);
  });

  it("leaves the case alone on automatic replies and a bounce, and shows the bounce in the thread", async () => {
    const c = await awaitingBrreg();
    const sent = await orderEmailOf(app, c);
    await dovecot.append(autoAcknowledgement(sent.subject, sent.messageId));
    await dovecot.append(autoAcknowledgement(sent.subject, sent.messageId, true));
    await dovecot.append(bounceOf(sent.subject, sent.messageId));

    const rows = await handled(c.id, 3, "three mails handled");
    expect(rows.map((r) => r.classification)).toEqual(["auto_reply", "auto_reply", "bounce"]);
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");
    const bounced = await slack.waitFor(() => threadOf(c).find((t) => t.includes("kom i retur")));
    expect(bounced).toContain("Undelivered Mail Returned to Sender");
    expect(threadOf(c).some((t) => t.includes("Brreg har bekreftet bestillingen"))).toBe(false);
  });

  it("reads on past a mail whose ids decode to a NUL byte, and the reply after it moves its case", async () => {
    const c = await awaitingBrreg();
    await dovecot.append(mailWithNulInIds());
    await dovecot.append(await brregReplyTo(app, c));
    await untilStage(app, c.reference, "awaiting_delegation");
    const odd = await app.app.runtime.db.inboundMail.findFirstOrThrow({ where: { subject: "Ugyldige meldings-id-er" } });
    expect(odd).toMatchObject({ messageId: null, classification: "unmatched", caseId: null });
  });

  it("does not let a mail whose sender failed DMARC at our server confirm a case", async () => {
    const c = await awaitingBrreg();
    const forged = withHeadersOnTop(
      await brregReplyTo(app, c, "-forged"),
      "Authentication-Results: mx.fjorddata.no; spf=softfail smtp.mailfrom=brreg.no; dmarc=fail (p=reject) header.from=brreg.no",
    );
    await dovecot.append(forged);
    const [row] = await handled(c.id, 1, "the forged reply handled");
    expect(row!.classification).toBe("unmatched");
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");
    // A person gets to judge it: posted to the channel with the warning and the link button.
    const post = await slack.waitFor(() =>
      slack.callsOf("chat.postMessage").find((x) => x.args.channel === caseChannel && !x.args.thread_ts && String(x.args.text).includes("DMARC feilet")),
    );
    expect(JSON.stringify(post.args.blocks)).toContain('"action_id":"link_mail"');

    // The real reply, passed by the same server, does.
    await dovecot.append(withHeadersOnTop(await brregReplyTo(app, c), "Authentication-Results: mx.fjorddata.no; spf=pass; dkim=pass; dmarc=pass header.from=brreg.no"));
    await untilStage(app, c.reference, "awaiting_delegation");
  });

  it("changes nothing for Brreg's reply about a closed case", async () => {
    const c = await awaitingBrreg();
    await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: owner, set: { closedReason: "Kunden trakk seg" } });
    await dovecot.append(await brregReplyTo(app, c));
    const [row] = await handled(c.id, 1, "the reply handled");
    expect(row!.classification).toBe("closed_case");
    expect((await freshCase(app, c.reference)).stage).toBe("cancelled");
  });

  it("posts Brreg mail that fits no case to the channel, and links it to a case by hand", async () => {
    const c = await awaitingBrreg();
    const before = slack.callsOf("chat.postMessage").length;
    await dovecot.append(strayBrregMail());
    const post = await slack.waitFor(() =>
      slack
        .callsOf("chat.postMessage")
        .slice(before)
        .find((x) => x.args.channel === caseChannel && !x.args.thread_ts && String(x.args.text).includes("Spørsmål om tilgangen deres")),
    );
    expect(String(post.args.text)).toContain("saksbehandler@brreg[.]no");
    // No dmarc=pass from our server on it: marked as not proven to be Brreg's.
    expect(String(post.args.text)).toContain("ikke er bevist");
    const button = JSON.stringify(post.args.blocks).match(/"action_id":"link_mail","value":"(\d+)"/);
    expect(button).not.toBeNull();
    const row = await app.app.runtime.db.inboundMail.findUniqueOrThrow({ where: { id: Number(button![1]) } });
    expect(row).toMatchObject({ classification: "unmatched", caseId: null });
    expect(JSON.stringify(row, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("98713");
    expect(slack.allText()).not.toContain("98713");

    const opens = slack.callsOf("views.open").length;
    // The click on the channel message itself, so the app can update that message afterwards.
    await click(app, "link_mail", button![1]!, "U0BOB", String(post.response.ts));
    const open = await slack.waitFor(() => slack.callsOf("views.open")[opens]);
    expect(open.response.ok).toBe(true);
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe("link_mail");
    expect(JSON.stringify(view.blocks)).toContain(c.reference);

    expect(await submit(app, "link_mail", view.private_metadata, { reference: { reference: { type: "plain_text_input", value: "DLG-999999" } } })).toMatchObject({
      response_action: "errors",
    });
    expect(await submit(app, "link_mail", view.private_metadata, { case: { case: { type: "static_select", selected_option: { value: c.reference } } } })).toEqual({});
    await untilStage(app, c.reference, "awaiting_delegation");
    const events = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: { in: ["mail_linked", "stage:awaiting_delegation"] } } });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ["mail_linked", "U0BOB"],
      ["stage:awaiting_delegation", "U0BOB"],
    ]);
    await until(async () => {
      const linked = await app.app.runtime.db.inboundMail.findUniqueOrThrow({ where: { id: row.id } });
      return linked.caseId === c.id && linked.classification === "confirmation";
    }, "the mail linked as the confirmation");
    const update = await slack.waitFor(() => slack.callsOf("chat.update").find((x) => x.args.ts === post.response.ts));
    expect(String(update.args.text)).toContain(`Koblet til ${c.reference} av <@U0BOB> og registrert som Brregs bekreftelse`);

    // A second click (an old copy of the message) opens nothing and says where the mail went.
    const again = await click(app, "link_mail", button![1]!, "U0CAROL");
    expect(await answerTo(app, again.responseId)).toContain(`allerede koblet til ${c.reference}`);
    expect(slack.callsOf("views.open").length).toBe(opens + 1);
  });

  it("names altinn.no and no fictitious person in a production case's guidance", async () => {
    const c = await awaitingBrreg("production");
    await dovecot.append(await brregReplyTo(app, c));
    const moved = await untilStage(app, c.reference, "awaiting_delegation");
    const dm = await guidanceDm(c);
    const dmText = JSON.stringify(dm.args.blocks);
    expect(dmText).toContain("https://altinn.no");
    expect(dmText).not.toMatch(/tt02/i);
    expect(dmText).not.toMatch(/fiktiv/i);
    expect(dmText).toContain("brreg:reelle/");
    const thread = await slack.waitFor(() => threadOf(moved).find((t) => t.includes("Brreg har bekreftet bestillingen")));
    expect(thread).not.toContain("innloggingsopplysninger");
  });

  it("logs the clicking user when Brreg's confirmation is recorded with the button, and answers a stale click politely", async () => {
    const c = await awaitingBrreg();
    const first = await click(app, "brreg_confirmed", c.reference, "U0BOB");
    expect(first.status).toBe(200);
    const moved = await untilStage(app, c.reference, "awaiting_delegation");
    const events = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } });
    expect(events.map((e) => e.actor)).toEqual(["U0BOB"]);
    const thread = await slack.waitFor(() => threadOf(moved).find((t) => t.includes("registrerte at Brreg har bekreftet")));
    expect(thread).toContain("<@U0BOB>");
    expect(thread).toContain(`<@${owner}>`);
    const dm = await guidanceDm(c);
    expect(JSON.stringify(dm.args.blocks)).toContain("https://tt02.altinn.no");

    const again = await click(app, "brreg_confirmed", c.reference, "U0CAROL");
    expect(await answerTo(app, again.responseId)).toContain("Ingenting er endret");
    expect(await app.app.runtime.db.caseEvent.count({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } })).toBe(1);
  });

  it("does not let a sender whose address hides another domain behind a comment confirm a case", async () => {
    const c = await awaitingBrreg();
    const reply = await brregReplyTo(app, c, "-comment");
    const crafted = reply.replace("From: Brønnøysundregistrene Opendata <opendata@brreg.no>", "From: opendata@brreg.no (c).evil.example");
    expect(crafted).not.toBe(reply);
    await dovecot.append(crafted);
    const [row] = await handled(c.id, 1, "the crafted reply handled");
    expect(row).toMatchObject({ classification: "customer_reply", fromAddress: "opendata@brreg.no.evil.example" });
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");
  });

  it("keeps answering /healthz while it reads a 600 KB report of blank lines, and reads the mail after it", async () => {
    const c = await awaitingBrreg();
    const id = `<blank-lines-${c.id}@evil.example>`;
    let slowest = 0;
    let polling = true;
    const health = (async () => {
      while (polling) {
        const started = performance.now();
        const res = await fetch(`${app.url}/healthz`);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await dovecot.append(blankLineReport(600 * 1024, id));
    await dovecot.append(await brregReplyTo(app, c));
    // Within `until`'s 10 s: the report is handled first, then the reply moves the case.
    await untilStage(app, c.reference, "awaiting_delegation");
    polling = false;
    await health;
    expect(await app.app.runtime.db.inboundMail.findFirstOrThrow({ where: { messageId: id } })).toMatchObject({ classification: "ignored", caseId: null });
    expect(slowest).toBeLessThan(1000);
  });

  // Last: it restarts the server the other tests use.
  it("reconnects after the server went away and handles mail that arrived meanwhile", async () => {
    const c = await awaitingBrreg();
    const lines = logs.lines.length;
    await dovecot.stop();
    await until(() => logs.lines.slice(lines).some((l) => l.includes("reconnecting in")), "the watcher to notice");
    await dovecot.start();
    await dovecot.append(await brregReplyTo(app, c));
    await untilStage(app, c.reference, "awaiting_delegation");
    expect(logs.lines.slice(lines).filter((l) => l.includes("connected, waiting with IDLE")).length).toBeGreaterThanOrEqual(1);
  });
});
