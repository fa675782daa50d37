import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageButtons } from "../../src/domain/caseActions.js";
import { nextAction, stageLabel, type Stage } from "../../src/domain/stages.js";
import { validationMessages } from "../../src/domain/validationMessages.js";
import { caseChannel, freePort, teamId, type TestApp } from "../support/app.js";
import { backends } from "../support/db.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeEnhetsregisteret } from "../support/fakeEnhetsregisteret.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { checkView, customer, OrderModal, shownValues, text, vendor, type View } from "./intakeDriver.js";
import { noticesSettled } from "../support/cases.js";

// On PostgreSQL too: two deliveries of one submission really race there.
describe.each(backends())("order intake: /delegering ny on %s", (backend) => {
  let slack: FakeSlack;
  let register: FakeEnhetsregisteret;
  let app: TestApp;
  const store = () => app.app.store.db;

  beforeAll(async () => {
    register = await new FakeEnhetsregisteret().start();
  });
  afterAll(async () => {
    await register?.stop();
  });
  useTestApp((f) => ({ slack, app } = f), () => ({ ENHETSREGISTERET_URL: register.url }), { backend });

  /** Sends the review and waits until the modal shows the created case. */
  async function send(modal: OrderModal) {
    const before = await store().case.count();
    const sent = await modal.submit();
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ response_action: "update", view: { callback_id: "order_sending" } });
    const done = await modal.nextUpdate();
    expect(done.callback_id).toBe("order_done");
    const c = await store().case.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(await store().case.count()).toBe(before + 1);
    return { c, done };
  }

  function threadMessages(ts: string) {
    return slack.callsOf("chat.postMessage").filter((m) => m.args.thread_ts === ts);
  }

  const happy: Array<{ environment: "tt02" | "production"; access: "confirmed" | "pending"; stage: Stage }> = [
    { environment: "tt02", access: "confirmed", stage: "order_pending" },
    { environment: "tt02", access: "pending", stage: "customer_access_pending" },
    { environment: "production", access: "confirmed", stage: "order_pending" },
    { environment: "production", access: "pending", stage: "customer_access_pending" },
  ];

  for (const h of happy) {
    it(`creates a ${h.environment} case with customer access ${h.access}`, async () => {
      const modal = new OrderModal(app, slack);
      const opened = await modal.open(h.environment === "production" ? "new" : "ny");
      expect(opened.callback_id).toBe("order_vendor");
      const review = await modal.fillAll({ vendor: { environment: h.environment }, access: h.access });
      // The exact email: Norwegian, the right environment, the normalised values.
      expect(text(review)).toContain("Bestilling av delegert tilgang");
      expect(text(review)).toContain(h.environment === "tt02" ? "testmiljøet TT02" : "produksjonsmiljøet");
      expect(text(review)).toContain("opendata@brreg.no");
      expect(text(review)).toContain("+4791234567");
      expect(text(review)).toContain("kari@fjorddata.no");
      // No SMTP_URL here: preview mode says plainly that nothing will be sent.
      expect((review.submit as { text: string }).text).toBe("Opprett sak");
      expect(text(review)).toContain(h.access === "confirmed" ? "SMTP er ikke satt opp (SMTP_URL), så ingenting sendes til Brreg" : "SMTP er ikke satt opp (SMTP_URL), så heller ikke da sendes noe");
      // Nothing is saved before Send.
      expect(await store().case.count({ where: { customerOrgnr: "812345672", environment: h.environment, customerAccess: h.access } })).toBe(0);

      const { c, done } = await send(modal);
      // The preview outbox may have written the order and moved a confirmed case on already.
      expect(h.access === "confirmed" ? ["order_pending", "awaiting_brreg"] : [h.stage]).toContain(c.stage);
      expect(c).toMatchObject({
        environment: h.environment,
        customerAccess: h.access,
        ownerUserId: "U0ALICE",
        workspaceId: teamId,
        vendorOrgnr: "920012345",
        vendorContactEmail: "kari@fjorddata.no",
        vendorContactPhone: "+4791234567",
        customerOrgnr: "812345672",
        customerContactPhone: "+4748123456",
      });
      expect(c.reference).toMatch(/^DLG-\d+$/);
      expect(text(done)).toContain(c.reference);
      if (h.access === "confirmed") expect(text(done)).toContain("Ingenting er sendt til Brreg: SMTP er ikke satt opp");

      // The root message in the case channel, as it stands once the case's notices are out (the
      // preview outbox may have moved a confirmed case on already): summary, the case's stage in
      // words, next action, the stage's buttons. Posted once.
      await noticesSettled(app);
      const fresh = await store().case.findUniqueOrThrow({ where: { id: c.id } });
      const stage = fresh.stage as Stage;
      expect(slack.callsOf("chat.postMessage").filter((m) => m.args.channel === caseChannel && !m.args.thread_ts && text(m.args.blocks).includes(`${c.reference} `))).toHaveLength(1);
      const root = slack.messages.find((m) => m.channel === caseChannel && m.ts === fresh.threadTs)!;
      expect(text(root.blocks)).toContain(stageLabel[stage].nb);
      expect(text(root.blocks)).toContain(nextAction[stage].nb.slice(0, 40));
      const buttons = (root.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>)
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements ?? []);
      expect(buttons.map((b) => b.action_id)).toEqual(expect.arrayContaining([...stageButtons[stage]]));
      for (const other of ["customer_access_confirmed", "brreg_confirmed", "report_scope"].filter((id) => !stageButtons[stage].includes(id as never))) {
        expect(buttons.map((b) => b.action_id)).not.toContain(other);
      }
      for (const b of buttons) expect(b.value).toBe(c.reference);

      const events = await store().caseEvent.findMany({ where: { caseId: c.id } });
      expect(events.map((e) => e.kind)).toContain("created");
      expect(events.find((e) => e.kind === "created")?.actor).toBe("U0ALICE");
      const outbox = await store().outboxMessage.findMany({ where: { caseId: c.id } });
      if (h.access === "pending") {
        // Nothing goes to Brreg; the thread gets the text to forward to the customer.
        expect(outbox).toHaveLength(0);
        const forward = await slack.waitFor(() => threadMessages(fresh.threadTs!).find((m) => text(m.args.blocks).includes("opendata@brreg.no")));
        expect(text(forward.args.blocks)).toContain("812345672");
      } else {
        expect(outbox).toHaveLength(1);
        // Queued with the case; the outbox worker (when running) may already have taken it.
        expect(outbox[0]).toMatchObject({ kind: "order", toAddresses: ["opendata@brreg.no"] });
        expect(outbox[0]!.status).not.toBe("cancelled");
        expect(outbox[0]!.subject).toContain(`[${c.reference}]`);
        expect(outbox[0]!.textBody).toContain("Nordlys Regnskap og Revisjon AS");
      }

      // The sender hears which case it is, with a link to the thread.
      const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((m) => m.args.channel === "D0ALICE" && String(m.args.text).includes(c.reference)));
      expect(String(dm.args.text)).toContain("https://test.slack.com/archives/");
    });
  }

  it("saves the vendor's data on Send and prefills the next order with it", async () => {
    const profile = await store().vendorProfile.findUniqueOrThrow({ where: { workspaceId: teamId } });
    expect(profile).toMatchObject({ orgnr: "920012345", name: "Fjorddata Systemer AS", contactEmail: "kari@fjorddata.no", contactPhone: "+4791234567" });
    const modal = new OrderModal(app, slack);
    const opened = await modal.open();
    expect(shownValues(opened)).toMatchObject({
      vendor_orgnr: "920012345",
      vendor_name: "Fjorddata Systemer AS",
      vendor_contact_name: "Kari Nordmann",
      vendor_contact_email: "kari@fjorddata.no",
      vendor_contact_phone: "+4791234567",
    });
    expect(shownValues(opened).environment).toBeUndefined();
  });

  it("gives each invalid field its own error on its own block_id, and saves nothing", async () => {
    await store().vendorProfile.deleteMany();
    const cases = await store().case.count();
    const modal = new OrderModal(app, slack);
    await modal.open();

    const step1 = await modal.submit({
      environment: null,
      vendor_orgnr: "123456789",
      vendor_name: "A",
      vendor_contact_name: "Kari\u0007Nordmann",
      vendor_contact_email: "kari@",
      vendor_contact_phone: "12 34",
    });
    expect(step1.body).toEqual({
      response_action: "errors",
      errors: {
        environment: validationMessages["field.required"].nb,
        vendor_orgnr: validationMessages["orgnr.checksum"].nb,
        vendor_name: validationMessages["name.length"].nb,
        vendor_contact_name: validationMessages["name.control"].nb,
        vendor_contact_email: validationMessages["email.invalid"].nb,
        vendor_contact_phone: validationMessages["phone.invalid"].nb,
      },
    });
    const again = await modal.submit({ ...vendor, vendor_orgnr: "92001234", vendor_contact_phone: "0046 70 123 45 67" });
    expect(again.body).toEqual({
      response_action: "errors",
      errors: { vendor_orgnr: validationMessages["orgnr.format"].nb, vendor_contact_phone: validationMessages["phone.foreign_needs_plus"].nb },
    });
    expect((await modal.submit({ ...vendor })).body).toMatchObject({ response_action: "update", view: { callback_id: "order_customer" } });

    const step2 = await modal.submit({
      customer_orgnr: "920 012 345",
      customer_name: "",
      customer_contact_name: "x".repeat(201),
      customer_contact_email: "ola at nordlys.no",
      customer_contact_phone: "+47 123",
    });
    expect(step2.body).toEqual({
      response_action: "errors",
      errors: {
        customer_orgnr: validationMessages["orgnr.same_as_vendor"].nb,
        customer_name: validationMessages["field.required"].nb,
        customer_contact_name: validationMessages["name.length"].nb,
        customer_contact_email: validationMessages["email.invalid"].nb,
        customer_contact_phone: validationMessages["phone.invalid"].nb,
      },
    });
    expect((await modal.submit({ ...customer })).body).toMatchObject({ response_action: "update", view: { callback_id: "order_access" } });
    expect((await modal.submit({ customer_access: null })).body).toEqual({
      response_action: "errors",
      errors: { customer_access: validationMessages["field.required"].nb },
    });
    expect((await modal.submit({ customer_access: "pending" })).body).toMatchObject({ response_action: "update", view: { callback_id: "order_review" } });

    // Up to the review nothing is stored: no case, no vendor profile.
    expect(await store().case.count()).toBe(cases);
    expect(await store().vendorProfile.count()).toBe(0);
  });

  it("keeps what was typed when going Back, submitted or not", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.submit({ ...vendor });
    await modal.submit({ ...customer });
    expect(modal.view.callback_id).toBe("order_access");

    // Back from step 3 shows step 2 as submitted (normalised where the step normalises).
    const step2 = await modal.back({ customer_access: "pending" });
    expect(step2.callback_id).toBe("order_customer");
    expect(shownValues(step2)).toEqual({
      customer_orgnr: "812345672",
      customer_name: customer.customer_name,
      customer_contact_name: customer.customer_contact_name,
      customer_contact_email: customer.customer_contact_email,
      customer_contact_phone: "+4748123456",
    });

    // Back from step 2 with an unsubmitted (even invalid) edit keeps that edit too.
    const step1 = await modal.back({ customer_name: "Nordlys Holding AS", customer_contact_email: "ola@" });
    expect(step1.callback_id).toBe("order_vendor");
    expect(shownValues(step1)).toMatchObject({ environment: "tt02", vendor_orgnr: "920012345", vendor_contact_email: "kari@fjorddata.no" });
    await modal.submit();
    expect(modal.view.callback_id).toBe("order_customer");
    expect(shownValues(modal.view)).toMatchObject({ customer_name: "Nordlys Holding AS", customer_contact_email: "ola@" });
    await modal.submit({ customer_contact_email: "ola@nordlys.no" });
    await modal.submit({ customer_access: "pending" });
    expect(modal.view.callback_id).toBe("order_review");

    // Back from the review keeps the answer of step 3.
    const step3 = await modal.back();
    expect(step3.callback_id).toBe("order_access");
    expect(shownValues(step3)).toEqual({ customer_access: "pending" });
    await modal.submit();
    const review = await modal.finalReview();
    expect(text(review)).toContain("Nordlys Holding AS");
  });

  it("never carries a national identity number back to Slack on Back", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.submit({ ...vendor });
    // Typed on step 2 but not submitted (the step would refuse it), then Back.
    const step1 = await modal.back({ ...customer, customer_contact_name: "Ola 010199 12345", customer_contact_phone: "01019912345" });
    expect(step1.callback_id).toBe("order_vendor");
    const update = modal.updates().at(-1)!;
    expect(text(update.args)).not.toMatch(/010199|01019912345/);
    await modal.submit();
    expect(shownValues(modal.view)).toMatchObject({ customer_name: customer.customer_name, customer_contact_name: "Ola [fødselsnummer fjernet]" });
    expect(slack.allText()).not.toMatch(/010199 ?12345/);
  });

  it("passes the view's hash on Back: a Back from a view that changed since is refused by Slack and not retried", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    const stale = modal.hash;
    await modal.submit({ ...vendor });
    expect(modal.hash).not.toBe(stale);
    const refused = await modal.pressBack({}, stale);
    expect(refused.args.hash).toBe(stale);
    expect(refused.response).toMatchObject({ ok: false, error: "hash_conflict" });
    const updates = modal.updates().length;
    // The current view still takes a Back; the refused one was never tried again.
    const step1 = await modal.back();
    expect(step1.callback_id).toBe("order_vendor");
    expect(modal.updates().length).toBe(updates + 1);
  });

  it("creates the case when the app is not in the case channel, says so, and posts the thread once it is invited", async () => {
    slack.notInChannel.add(caseChannel);
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.fillAll({ access: "pending" });
    const { c, done } = await send(modal);
    expect(text(done)).toContain(`Jeg fikk ikke lagt saken i <#${caseChannel}> ennå`);
    // The text for the customer had no thread to go to yet: the done view shows it.
    expect(text(done)).toContain("Tekst du kan videresende til kunden");
    expect(text(done)).toContain("send en e-post til opendata@brreg.no");
    // … with «Send til kunden» beside it.
    expect(JSON.stringify(done)).toContain(`"action_id":"send_to_customer","value":"${c.reference}"`);
    expect((await store().case.findUniqueOrThrow({ where: { id: c.id } })).threadTs).toBeNull();

    // Invited: Slack tells the app, and the root message and the thread's notices are posted.
    slack.notInChannel.delete(caseChannel);
    await app.event({ type: "member_joined_channel", user: "U0BOT", channel: caseChannel, channel_type: "C", team: "T0TEST" });
    await noticesSettled(app);
    const roots = slack.callsOf("chat.postMessage").filter((m) => m.args.channel === caseChannel && !m.args.thread_ts && text(m.args.blocks).includes(`${c.reference} `));
    expect(roots.filter((m) => m.response.ok)).toHaveLength(1);
    const stored = await store().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(stored.threadTs).toBe(roots.find((m) => m.response.ok)!.response.ts);
    expect(threadMessages(stored.threadTs!).map((m) => String(m.args.text)).join("\n")).toContain("Videresend teksten under til kunden");
  });

  it("makes one case when the same final submission arrives twice", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.fillAll({ customer: { customer_name: "Dobbeltklikk AS" } });
    await modal.finalReview();
    const before = await store().case.count();
    // Two deliveries at once (a double click) ...
    const first = modal.submit();
    const [a, b] = await Promise.all([first, modal.resubmit()]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    await slack.waitFor(() => modal.updates().filter((u) => (u.args.view as View).callback_id === "order_done").length >= 2);
    // ... and once more after the first has finished (Slack's retry).
    expect((await modal.resubmit()).status).toBe(200);
    await slack.waitFor(() => modal.updates().filter((u) => (u.args.view as View).callback_id === "order_done").length >= 3);
    expect(await store().case.count()).toBe(before + 1);
    const c = await store().case.findFirstOrThrow({ where: { customerName: "Dobbeltklikk AS" } });
    const roots = slack.callsOf("chat.postMessage").filter((m) => m.args.channel === caseChannel && !m.args.thread_ts && text(m.args.blocks).includes(c.reference));
    expect(roots).toHaveLength(1);
    expect(await store().outboxMessage.count({ where: { caseId: c.id } })).toBe(1);
    expect(await store().caseEvent.count({ where: { caseId: c.id, kind: "created" } })).toBe(1);
    const dms = slack.callsOf("chat.postMessage").filter((m) => m.args.channel === "D0ALICE" && String(m.args.text).includes(`${c.reference} `));
    expect(dms).toHaveLength(1);
    for (const u of modal.updates().filter((x) => (x.args.view as View).callback_id === "order_done")) expect(text(u.args.view)).toContain(c.reference);
  });

  it("escapes typed text: a name such as <!channel> *Acme* pings no one", async () => {
    const evil = "<!channel> *Acme*";
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.fillAll({ customer: { customer_name: evil, customer_contact_name: "<@U0BOSS> Ola" }, access: "pending" });
    const review = await modal.finalReview();
    expect(text(review)).toContain("&lt;!channel&gt;");
    const { c } = await send(modal);
    expect(c.customerName).toBe(evil);
    const fresh = await store().case.findUniqueOrThrow({ where: { id: c.id } });
    await slack.waitFor(() => threadMessages(fresh.threadTs!).length >= 2);
    await slack.waitFor(() => slack.callsOf("chat.postMessage").find((m) => m.args.channel === "D0ALICE" && String(m.args.text).includes(c.reference)));

    const recorded = slack.allText();
    expect(recorded).toContain("&lt;!channel&gt;");
    expect(recorded).not.toContain("<!channel>");
    expect(recorded).not.toContain("<@U0BOSS>");
    // What the modal showed (the acks) is escaped as well.
    const shown = JSON.stringify(modal.shown);
    expect(shown).toContain("&lt;!channel&gt;");
    expect(shown).not.toContain("<!channel>");
  });
});

describe("order intake in English (LOCALE=en)", () => {
  let slack: FakeSlack;
  let validator: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    validator = await new FakeSlack().start();
  });
  afterAll(async () => {
    await validator?.stop();
  });
  useTestApp((f) => ({ slack, app } = f), { LOCALE: "en" });

  it("asks in English and answers errors in English", async () => {
    const modal = new OrderModal(app, slack);
    const opened = await modal.open("new");
    expect((opened.title as { text: string }).text).toBe("New case – step 1 of 4");
    const step1 = await modal.submit({ ...vendor, vendor_orgnr: "123456789" });
    expect(step1.body).toEqual({ response_action: "errors", errors: { vendor_orgnr: validationMessages["orgnr.checksum"].en } });
    await modal.submit({ ...vendor });
    await modal.submit({ ...customer });
    await modal.submit({ customer_access: "confirmed" });
    // The register is unreachable here (port 9): the review says so and still lets the user send.
    let review = modal.view;
    while (text(review).includes("checking the register")) review = await modal.nextUpdate();
    expect(text(review)).toContain("The register did not answer");
    // The email to Brreg stays Norwegian.
    expect(text(review)).toContain("Bestilling av delegert tilgang");
    // No SMTP_URL: the English review says plainly that nothing goes to Brreg.
    expect((review.submit as { text: string }).text).toBe("Create case");
    expect(text(review)).toContain("SMTP is not set up (SMTP_URL), so nothing goes to Brreg");
  });

  it("keeps every step within Slack's limits with the longest values and markup characters", async () => {
    const name = (seed: string) => `${seed} & "Sons" <Ltd> *bold* _it_ ~st~ \`code\` `.repeat(20).slice(0, 200).trim();
    const longEmail = (c: string) => `${c.repeat(64)}@${`${"b".repeat(61)}.`.repeat(3)}no`;
    const modal = new OrderModal(app, slack, "U0ALICE", validator);
    const opened = await modal.open("new");
    await checkView(validator, opened);
    const values = {
      vendor: { vendor_name: name("Vendor"), vendor_contact_name: name("Kari"), vendor_contact_email: longEmail("k"), vendor_contact_phone: "+46 70 123 45 67" },
      customer: { customer_name: name("Customer"), customer_contact_name: name("Ola"), customer_contact_email: longEmail("o"), customer_contact_phone: "+1 212 555 0100 99" },
    };
    // Every ack is checked by the validator as the driver follows it (see OrderModal).
    await modal.fillAll(values);
    let review = modal.view;
    while (text(review).includes("checking the register")) review = await modal.nextUpdate();
    expect((review.private_metadata ?? "").length).toBeLessThanOrEqual(3000);
    // Back to the start and forward again: nothing lost on the way, even at full length.
    await modal.back();
    await modal.back();
    const step1 = await modal.back();
    expect(shownValues(step1)).toMatchObject({ vendor_name: values.vendor.vendor_name, vendor_contact_email: values.vendor.vendor_contact_email });
    await modal.submit();
    expect(shownValues(modal.view)).toMatchObject({ customer_name: values.customer.customer_name, customer_contact_email: values.customer.customer_contact_email });
    await modal.submit();
    await modal.submit();
    await modal.submit();
    await modal.nextUpdate();
    const c = await app.app.store.db.case.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(c).toMatchObject({ customerName: values.customer.customer_name, vendorContactEmail: values.vendor.vendor_contact_email, customerContactPhone: "+1212555010099" });
  });
});

describe("order intake with SMTP set up", () => {
  let slack: FakeSlack;
  let app: TestApp;
  // Nothing listens there: the email stays queued, which is all this test needs.
  useTestApp((f) => ({ slack, app } = f), async () => ({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: "delegering@fjorddata.no" }));

  it("offers Send til Brreg and says the email is queued", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    const review = await modal.fillAll({ access: "confirmed" });
    expect((review.submit as { text: string }).text).toBe("Send til Brreg");
    expect(text(review)).not.toContain("SMTP er ikke satt opp");
    expect((await modal.submit()).body).toMatchObject({ response_action: "update", view: { callback_id: "order_sending" } });
    const done = await modal.nextUpdate();
    expect(text(done)).toContain("E-posten til Brreg er lagt i køen");
  });
});
