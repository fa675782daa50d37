import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { freshCase, moveTo, newCase, submit, until, untilStage } from "../slack/followupHelpers.js";
import { bounceOf, brregReplyTo } from "./inboxMail.js";

// The customer answering «Send til kunden», and that e-mail bouncing, as they reach the watched mailbox.
describe.skipIf(!hasDovecot()).each(backends())("answers to the e-mail to the customer, against Dovecot on %s", (backend) => {
  let dovecot: TestDovecot;
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    dovecot = await TestDovecot.start();
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    app = await startTestApp(slack, db, { IMAP_URL: dovecot.url, IMAP_POLL_SECONDS: "60", MAIL_FROM: "delegering@fjorddata.no", OUTBOX_POLL_MS: "600000" });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await dovecot?.dispose();
    await db?.drop();
  });

  const threadOf = (threadTs: string | null) => slack.callsOf("chat.postMessage").filter((x) => x.args.thread_ts === threadTs).map((x) => String(x.args.text));

  it("posts the customer's reply (subject and sender, never the body) to the thread and leaves the stage; names the customer e-mail when it bounces", async () => {
    // Confirmed by Brreg's own reply, which mailed the TT02 login to the customer's contact too.
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
    await dovecot.append(await brregReplyTo(app, c));
    await untilStage(app, c.reference, "awaiting_delegation");
    const values = {
      customer_mail_to: { customer_mail_to: { type: "email_text_input", value: "kari@kunde.no" } },
      customer_mail_note: { customer_mail_note: { type: "plain_text_input", value: null } },
    };
    expect(await submit(app, "customer_mail", `${c.reference}|delegation_guidance`, values, "U0OWNER")).toEqual({});
    const sent = await until(() => app.app.runtime.db.outboxMessage.findFirst({ where: { caseId: c.id, kind: "customer-guidance-1", status: "sent" } }), "the customer e-mail");
    // The e-mail says what the owner's DM says about the login: Brreg sent it to the customer.
    expect(sent.textBody).toContain(`Brreg har sendt innloggingsopplysningene på e-post til ${c.customerContactEmail}.`);

    await dovecot.append(
      [
        "From: Kari Kunde <kari@kunde.no>",
        "To: delegering@fjorddata.no",
        `Subject: SV: ${sent.subject}`,
        `Message-ID: <svar-${c.id}@kunde.no>`,
        `In-Reply-To: ${sent.messageId}`,
        `References: ${sent.messageId}`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hei, jeg har delegert nå. Fødselsnummeret mitt er 010190 12345 hvis dere trenger det.",
        "",
      ].join("\n"),
    );
    const reply = await slack.waitFor(() => threadOf(c.threadTs).find((t) => t.startsWith("Kunden svarte")));
    expect(reply).toContain(`SV: [${c.reference}] Delegering av tilgang`);
    expect(reply).toContain("kari@kunde[.]no");
    expect(reply).not.toContain("delegert nå");
    expect(reply).not.toContain("12345");
    const row = await until(() => app.app.runtime.db.inboundMail.findFirst({ where: { caseId: c.id, messageId: `<svar-${c.id}@kunde.no>` } }), "the reply's row");
    expect(row.classification).toBe("customer_reply");
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");

    await dovecot.append(bounceOf(sent.subject, sent.messageId));
    const bounced = await slack.waitFor(() => threadOf(c.threadTs).find((t) => t.includes("kom i retur")));
    expect(bounced).toContain("E-posten til kunden om delegering kom i retur");
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
    expect(JSON.stringify(slack.callsOf("chat.postMessage").map((x) => x.args))).not.toContain("010190");
  });
});
