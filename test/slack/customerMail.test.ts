import { readFile } from "node:fs/promises";
import { simpleParser, type AddressObject } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { type TestApp } from "../support/app.js";
import { TestSmtp } from "../support/smtp.js";
import { eventInWords } from "../../src/slack/views/status.js";
import { answerTo, click, freshCase, moveTo, newCase, submit, threadPosts, until } from "./followupHelpers.js";

type View = {
  callback_id?: string;
  private_metadata?: string;
  submit?: { text: string };
  blocks: Array<{ type: string; block_id?: string; text?: { text: string }; element?: { action_id: string; initial_value?: string } }>;
};

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const values = (to: string, note: string | null = null) => ({
  customer_mail_to: { customer_mail_to: { type: "email_text_input", value: to } },
  customer_mail_note: { customer_mail_note: { type: "plain_text_input", value: note } },
});
/** Whether a message's blocks carry «Send til kunden» for the case. */
const hasSendButton = (blocks: unknown, reference: string) =>
  JSON.stringify(blocks ?? []).includes(`"action_id":"send_to_customer","value":"${reference}"`);

describe("«Send til kunden» over SMTP", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const smtp = new TestSmtp();

  useTestApp(
    (f) => ({ slack, app } = f),
    async () => {
      await smtp.start();
      return { SMTP_URL: smtp.url, MAIL_FROM: "delegering@fjorddata.no", MAIL_REPLY_TO: "team@fjorddata.no", SCHEDULER_POLL_MS: "3600000" };
    },
  );
  afterAll(() => smtp.stop());

  const dbc = () => app.app.runtime.db;
  const opened = (after: number) =>
    slack.waitFor(() => slack.callsOf("views.open").slice(after).map((c) => c.args.view as View).find((v) => v.callback_id === "customer_mail"));
  /** Mail of the case that reached the server (our Message-IDs start with the reference). */
  const ofCase = (reference: string) => smtp.received.filter((r) => r.messageId?.startsWith(`<${reference.toLowerCase()}.`));
  /** The case's customer e-mail of this outbox kind, once it reached the server. */
  const customerMail = async (caseId: number, kind: string) => {
    const row = await until(() => dbc().outboxMessage.findFirst({ where: { caseId, kind } }), kind);
    return smtp.waitFor(() => smtp.withId(row.messageId)[0]);
  };

  it("customer access: the button in the thread opens the e-mail prefilled; field errors; a double submission sends one e-mail; a second within the hour is refused", async () => {
    const c = await newCase(app, "pending");
    expect(c.stage).toBe("customer_access_pending");
    const notice = await slack.waitFor(() => threadPosts(app, c).find((p) => hasSendButton(p.args.blocks, c.reference)));
    expect(JSON.stringify(notice.args.blocks)).toContain("Send til kunden");

    const before = slack.callsOf("views.open").length;
    await click(app, "send_to_customer", c.reference, "U0BOB");
    const view = await opened(before);
    expect(view.private_metadata).toBe(`${c.reference}|customer_access`);
    expect(view.submit?.text).toBe("Send");
    const to = view.blocks.find((b) => b.block_id === "customer_mail_to")!;
    expect(to.element?.action_id).toBe("customer_mail_to");
    expect(to.element?.initial_value).toBe(c.customerContactEmail);
    expect(view.blocks.find((b) => b.block_id === "customer_mail_note")?.element?.action_id).toBe("customer_mail_note");
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(`[${c.reference}] Bestilling av tilgang hos Brønnøysundregistrene`);
    expect(shown).toContain(`Kopi: ${c.vendorContactEmail}`);
    expect(shown).toContain("send en e-post til opendata@brreg.no");

    const meta = `${c.reference}|customer_access`;
    const badAddress = await submit(app, "customer_mail", meta, values("ikke en adresse"));
    expect(badAddress).toMatchObject({ response_action: "errors", errors: { customer_mail_to: expect.any(String) } });
    const identity = await submit(app, "customer_mail", meta, values(c.customerContactEmail, "Gjelder 010190 12345"));
    expect(identity).toMatchObject({ response_action: "errors", errors: { customer_mail_note: expect.stringMatching(/fødselsnummer/i) } });
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id, kind: { startsWith: "customer-" } } })).toBe(0);

    // One modal submitted twice (a double click, Slack's retry): one e-mail.
    const ephemerals = slack.callsOf("chat.postEphemeral").length;
    expect(await submit(app, "customer_mail", meta, values("Kari@Kunde.no", "Hei Kari,\nher er det vi snakket om."), "U0BOB", "VSAME")).toEqual({});
    expect(await submit(app, "customer_mail", meta, values("kari@kunde.no"), "U0BOB", "VSAME")).toEqual({});
    const mail = await (await customerMail(c.id, "customer-access-1")).parse();
    expect(mail.subject).toBe(`[${c.reference}] Bestilling av tilgang hos Brønnøysundregistrene`);
    expect(addresses(mail.to)).toEqual(["kari@kunde.no"]);
    expect(addresses(mail.cc)).toEqual([c.vendorContactEmail]);
    expect(addresses(mail.replyTo)).toEqual(["team@fjorddata.no"]);
    expect(mail.text).toMatch(/^Hei Kari,\nher er det vi snakket om\.\n\nHei,\n/);
    expect(mail.text).toContain(`organisasjonsnummer: ${c.customerOrgnr}`);
    expect(mail.text).toContain(`Med vennlig hilsen\n${c.vendorContactName}, ${c.vendorName}`);
    const row = await dbc().outboxMessage.findFirstOrThrow({ where: { caseId: c.id, kind: "customer-access-1" } });
    expect(mail.messageId).toBe(row.messageId);

    const said = await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).includes("sendte forklaringen")));
    expect(String(said.args.text)).toMatch(new RegExp(`^<@U0BOB> sendte forklaringen om å bestille tilgang hos Brreg til kari@kunde\\.no \\(kopi: ${c.vendorContactEmail}\\)`));
    const answers = await slack.waitFor(() => {
      const mine = slack.callsOf("chat.postEphemeral").slice(ephemerals).map((x) => String(x.args.text));
      return mine.length >= 2 && mine;
    });
    expect(answers.some((t) => t.includes("allerede lagt i køen"))).toBe(true);

    // A colleague's own modal a moment later: refused, naming when the first went.
    expect(await submit(app, "customer_mail", meta, values("kari@kunde.no"), "U0EVE")).toEqual({});
    const told = await slack.waitFor(() => slack.callsOf("chat.postEphemeral").find((x) => x.args.user === "U0EVE" && String(x.args.text).includes(c.reference)));
    expect(String(told.args.text)).toContain("høyst én i timen");
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id, kind: { startsWith: "customer-" } } })).toBe(1);
    expect(ofCase(c.reference)).toHaveLength(1);
    const event = await dbc().caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "customer_mail_queued" } });
    expect(event.actor).toBe("U0BOB");
    expect(event.details).toMatchObject({ kind: "customer-access-1", mail: "customer_access", to: "kari@kunde.no" });
    expect(JSON.stringify(event.details)).not.toContain("snakket");
    expect((await freshCase(app, c.reference)).stage).toBe("customer_access_pending");
  });

  it("delegation guidance: the button in the owner's DM; the modal picks the text from the stage; other stages have nothing to send", async () => {
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
    // Waiting for Brreg: no text for the customer now.
    const early = await click(app, "send_to_customer", c.reference, "U0OWNER");
    expect(await answerTo(app, early.responseId)).toContain("ingen tekst å sende kunden nå");

    await click(app, "brreg_confirmed", c.reference, "U0OWNER");
    const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => String(x.args.text).includes(`bekreftet ${c.reference} `)));
    expect(hasSendButton(dm.args.blocks, c.reference)).toBe(true);
    await until(async () => (await freshCase(app, c.reference)).stage === "awaiting_delegation", "awaiting_delegation");

    const before = slack.callsOf("views.open").length;
    await click(app, "send_to_customer", c.reference, "U0OWNER");
    const view = await opened(before);
    expect(view.private_metadata).toBe(`${c.reference}|delegation_guidance`);
    expect(JSON.stringify(view.blocks)).toContain("Delegering av tilgang til Register over reelle rettighetshavere");

    expect(await submit(app, "customer_mail", `${c.reference}|delegation_guidance`, values("ola@kunde.no"), "U0OWNER")).toEqual({});
    const mail = await (await customerMail(c.id, "customer-guidance-1")).parse();
    expect(mail.subject).toBe(`[${c.reference}] Delegering av tilgang til Register over reelle rettighetshavere`);
    expect(addresses(mail.to)).toEqual(["ola@kunde.no"]);
    expect(mail.text).toContain(c.customerOrgnr.slice(0, 3));
    // Confirmed by the button: nothing says where Brreg mailed the TT02 login, so the vendor has it.
    expect(mail.text).toContain("Innloggingsopplysningene får dere fra oss.");
    await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).startsWith("<@U0OWNER> sendte forklaringen om delegering til ola@kunde.no")));
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");

    // A modal opened for the other text (the case moved on since): nothing is sent.
    const late = await submit(app, "customer_mail", `${c.reference}|customer_access`, values("ola@kunde.no"));
    expect(late).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(late)).toContain("ingen tekst å sende kunden nå");
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id, kind: { startsWith: "customer-" } } })).toBe(1);
  });

  it("a refused e-mail to the customer is named as such in the thread, and «Prøv igjen» sends it", async () => {
    const c = await newCase(app, "pending");
    smtp.refuseAll(550, "5.1.1 User unknown");
    try {
      expect(await submit(app, "customer_mail", `${c.reference}|customer_access`, values("ola@kunde.no"), "U0BOB")).toEqual({});
      const failed = await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).includes("kunne ikke sendes")));
      expect(String(failed.args.text)).toContain("E-posten til kunden med forklaringen om å bestille tilgang hos Brreg kunne ikke sendes");
      expect(String(failed.args.text)).not.toContain("E-posten til Brreg");
      expect(JSON.stringify(failed.args.blocks)).toContain(`"action_id":"retry_order","value":"${c.reference}"`);
    } finally {
      smtp.refuseAll(undefined);
    }
    await click(app, "retry_order", c.reference, "U0BOB");
    await customerMail(c.id, "customer-access-1");
    await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).startsWith("<@U0BOB> sendte forklaringen")));
  });
});

describe("«Send til kunden» in preview mode (no SMTP_URL)", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { MAIL_FROM: "delegering@fjorddata.no", SCHEDULER_POLL_MS: "3600000" });

  it("says nothing will be sent, writes an .eml and tells the thread nothing was sent", async () => {
    const c = await newCase(app, "pending");
    const before = slack.callsOf("views.open").length;
    await click(app, "send_to_customer", c.reference, "U0BOB");
    const view = await slack.waitFor(() => slack.callsOf("views.open").slice(before).map((x) => x.args.view as View).find((v) => v.callback_id === "customer_mail"));
    expect(view.submit?.text).toBe("Lag e-post");
    expect(JSON.stringify(view.blocks)).toContain("ingenting blir sendt");

    expect(await submit(app, "customer_mail", `${c.reference}|customer_access`, values(c.customerContactEmail))).toEqual({});
    const row = await until(() => app.app.runtime.db.outboxMessage.findFirst({ where: { caseId: c.id, kind: "customer-access-1", status: "sent" } }), "the preview row");
    expect(row.previewPath).toMatch(/\.eml$/);
    const eml = await simpleParser(await readFile(row.previewPath!));
    expect(eml.subject).toBe(`[${c.reference}] Bestilling av tilgang hos Brønnøysundregistrene`);
    expect(eml.text).toContain(`organisasjonsnummer: ${c.customerOrgnr}`);
    const said = await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).includes("Ingenting ble sendt") && String(p.args.text).includes("laget en e-post")));
    expect(String(said.args.text)).toContain(row.previewPath!);
    expect(String(said.args.text)).toContain("<@U0BOB>");
  });
});

describe("the status view's words for the e-mail to the customer", () => {
  it("says the customer e-mail went to the customer, and the order still to Brreg", () => {
    expect(eventInWords("customer_mail_queued", "nb")).toBe("la en e-post til kunden i køen");
    expect(eventInWords("mail_sent", "nb", { kind: "customer-guidance-1" })).toBe("sendte e-posten til kunden");
    expect(eventInWords("mail_previewed", "en", { kind: "customer-access-2" })).toBe("wrote the e-mail to the customer as a preview (not sent)");
    expect(eventInWords("mail_sent", "nb", { kind: "order" })).toBe("sendte e-posten til Brreg");
  });
});
