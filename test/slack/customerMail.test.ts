import { readFile } from "node:fs/promises";
import { simpleParser, type AddressObject } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../support/appFixture.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { TestSmtp } from "../support/smtp.js";
import { formatDateTime } from "../../src/slack/messages/format.js";
import { eventInWords } from "../../src/slack/views/status.js";
import { answerTo, click, freshCase, moveTo, newCase, submit, threadPosts, until } from "./followupHelpers.js";

type View = {
  callback_id?: string;
  private_metadata?: string;
  submit?: { text: string };
  blocks: Array<{ type: string; block_id?: string; text?: { text: string }; element?: { action_id: string; initial_value?: string } }>;
};

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const values = (to: string, note: string | null = null, otherDomain = false) => ({
  customer_mail_to: { customer_mail_to: { type: "email_text_input", value: to } },
  customer_mail_other_domain: {
    customer_mail_other_domain: { type: "checkboxes", selected_options: otherDomain ? [{ value: "other_domain", text: { type: "plain_text", text: "x" } }] : [] },
  },
  customer_mail_note: { customer_mail_note: { type: "plain_text_input", value: note } },
});
/** Whether a message's blocks carry «Send til kunden» for the case. */
const hasSendButton = (blocks: unknown, reference: string) =>
  JSON.stringify(blocks ?? []).includes(`"action_id":"send_to_customer","value":"${reference}"`);

describe("«Send til kunden» over SMTP", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const smtp = new TestSmtp();

  // Before the app's fixture, so it runs after the app has stopped (after-hooks run in reverse):
  // the app closes its pooled SMTP connections instead of the server waiting 30 s for them.
  afterAll(() => smtp.stop());
  useTestApp(
    (f) => ({ slack, app } = f),
    async () => {
      await smtp.start();
      return { SMTP_URL: smtp.url, MAIL_FROM: "delegering@fjorddata.no", MAIL_REPLY_TO: "team@fjorddata.no", SCHEDULER_POLL_MS: "3600000" };
    },
  );

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

  it("goes only to the customer's domain unless «Annet domene» is ticked: a field error and nothing queued, then queued with the tick", async () => {
    const c = await newCase(app, "pending");
    expect(c.customerContactEmail).toBe("ola@kunde.no");
    const before = slack.callsOf("views.open").length;
    await click(app, "send_to_customer", c.reference, "U0BOB");
    const view = await opened(before);
    const box = view.blocks.find((b) => b.block_id === "customer_mail_other_domain") as unknown as { optional: boolean; hint: { text: string }; element: { type: string; action_id: string } };
    expect(box).toMatchObject({ optional: true, element: { type: "checkboxes", action_id: "customer_mail_other_domain" } });
    expect(box.hint.text).toContain("@kunde.no");

    const meta = `${c.reference}|customer_access`;
    const outside = await submit(app, "customer_mail", meta, values("angriper@annet.example"), "U0BOB");
    expect(outside).toEqual({ response_action: "errors", errors: { customer_mail_to: "Adressen er ikke på kundens domene (@kunde.no). Kryss av for «Annet domene» hvis e-posten skal dit." } });
    // A look-alike is another domain too.
    expect(await submit(app, "customer_mail", meta, values("ola@kunde.no.example"), "U0BOB")).toMatchObject({ errors: { customer_mail_to: expect.stringContaining("@kunde.no") } });
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id } })).toBe(0);

    // Same domain, other case and spelling: no tick needed; the tick sends outside it.
    expect(await submit(app, "customer_mail", meta, values("Regnskap@KUNDE.no"), "U0BOB", "VDOMAIN1")).toEqual({});
    const row = await until(() => dbc().outboxMessage.findFirst({ where: { caseId: c.id, kind: "customer-access-1" } }), "customer-access-1");
    expect(row).toMatchObject({ toAddresses: ["regnskap@kunde.no"], queuedBy: "U0BOB" });

    const other = await newCase(app, "pending");
    expect(await submit(app, "customer_mail", `${other.reference}|customer_access`, values("revisor@annet.example", null, true), "U0BOB")).toEqual({});
    const mail = await (await customerMail(other.id, "customer-access-1")).parse();
    expect(addresses(mail.to)).toEqual(["revisor@annet.example"]);
    expect(addresses(mail.cc)).toEqual([other.vendorContactEmail]);
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

describe.each(backends())("CUSTOMER_MAIL_PER_HOUR on %s", (backend) => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let app: TestApp | undefined;
  let clock = new Date("2026-12-07T09:00:00Z");
  const env = { CUSTOMER_MAIL_PER_HOUR: "2", SCHEDULER_POLL_MS: "3600000" };
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await db?.drop();
  });

  const start = async () => (app = await startTestApp(slack, db, env, { now: () => clock }));
  const rows = (caseId: number) => app!.app.runtime.db.outboxMessage.count({ where: { caseId } });
  const send = (c: { reference: string }, user: string) => submit(app!, "customer_mail", `${c.reference}|customer_access`, values("ola@kunde.no"), user);
  /** The limit's answer `user` got after the modal closed, among the ephemerals after `after`. */
  const limited = (user: string, after: number) =>
    slack.waitFor(() => slack.callsOf("chat.postEphemeral").slice(after).find((x) => x.args.user === user && String(x.args.text).includes("CUSTOMER_MAIL_PER_HOUR")));

  it("refuses a person's third e-mail within the hour, after a restart too, saying when; others may still send, and so may they an hour on", async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    await start();
    const [a, b, c] = [await newCase(app!, "pending"), await newCase(app!, "pending"), await newCase(app!, "pending")];
    const first = clock;
    expect(await send(a, "U0LIM")).toEqual({});
    clock = new Date(first.getTime() + 10 * 60_000);
    expect(await send(b, "U0LIM")).toEqual({});
    await until(async () => (await rows(a.id)) === 1 && (await rows(b.id)) === 1, "two rows");

    // What counts is in the database: a restarted app (or another replica) counts the same.
    await app!.stop();
    app = undefined;
    await start();
    clock = new Date(first.getTime() + 20 * 60_000);
    const ephemerals = slack.callsOf("chat.postEphemeral").length;
    expect(await send(c, "U0LIM")).toEqual({});
    const told = await limited("U0LIM", ephemerals);
    expect(String(told.args.text)).toBe(
      `Du har lagt 2 e-poster til kunder i køen den siste timen, og det er det meste én person kan sende (CUSTOMER_MAIL_PER_HOUR). Du kan sende igjen ${formatDateTime(new Date(first.getTime() + 3_600_000), "nb")}. Ingen e-post er laget.`,
    );
    expect(await rows(c.id)).toBe(0);

    // The limit is per person.
    expect(await send(c, "U0OTHER")).toEqual({});
    await until(async () => (await rows(c.id)) === 1, "U0OTHER's row");

    // An hour after the first, one more fits; the one after it is refused again.
    clock = new Date(first.getTime() + 3_600_000);
    expect(await send(a, "U0LIM")).toEqual({});
    await until(async () => (await rows(a.id)) === 2, "a second row on the first case");
    const later = slack.callsOf("chat.postEphemeral").length;
    clock = new Date(first.getTime() + 3_600_000 + 60_000);
    const d = await newCase(app!, "pending");
    expect(await send(d, "U0LIM")).toEqual({});
    await limited("U0LIM", later);
    expect(await rows(d.id)).toBe(0);
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
