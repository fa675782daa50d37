import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { TestSmtp } from "../support/smtp.js";
import { OrderModal, shownValues, text, vendor, type View } from "./intakeDriver.js";

const { environment: _environment, ...vendorOnly } = vendor;

const inputIds = (view: View) => (view.blocks ?? []).filter((b) => b.type === "input").map((b) => String(b.block_id));

// On PostgreSQL too: two deliveries of one Send really race there.
describe.each(backends())("ordering a fictitious customer (TT02 only) on %s", (backend) => {
  let slack: FakeSlack;
  let smtp: TestSmtp;
  let app: TestApp;
  const store = () => app.app.store.db;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  useTestApp((f) => ({ slack, app } = f), () => ({ SMTP_URL: smtp.url, MAIL_FROM: "delegering@fjorddata.no" }), { backend });

  it("asks the route first, then only the vendor's step and the review of the exact e-mail, and sends one e-mail however often Send is delivered", async () => {
    const modal = new OrderModal(app, slack);
    const question = await modal.open("ny", null);
    expect(question.callback_id).toBe("order_route");
    expect(inputIds(question)).toEqual(["route"]);
    expect(text(question)).toContain('"value":"existing"');
    expect(text(question)).toContain('"value":"fictitious"');
    // Unanswered, the question says so on its own block.
    expect((await modal.submit({ route: null })).body).toEqual({ response_action: "errors", errors: { route: "Feltet må fylles ut." } });

    await modal.submit({ route: "fictitious" });
    expect(modal.view.callback_id).toBe("order_vendor");
    expect((modal.view.title as { text: string }).text).toBe("Ny sak – steg 1 av 2");
    // No environment to choose: TT02 is the only one on this route.
    expect(inputIds(modal.view)).toEqual(["vendor_orgnr", "vendor_name", "vendor_contact_name", "vendor_contact_email", "vendor_contact_phone"]);
    expect(text(modal.view)).toContain('"action_id":"order_back"');

    const submitted = await modal.submit({ ...vendorOnly });
    expect(submitted.body).toMatchObject({ response_action: "update", view: { callback_id: "order_review" } });
    const review = await modal.finalReview();
    expect((review.title as { text: string }).text).toBe("Ny sak – steg 2 av 2");
    expect((review.submit as { text: string }).text).toBe("Send til Brreg");
    const shown = text(review);
    expect(shown).toContain("Bestilling av delegert tilgang via fiktiv virksomhet");
    expect(shown).toContain("Vi ønsker å delegere tilgang selv via en fiktiv virksomhet.");
    expect(shown).toContain("opendata@brreg.no");
    expect(shown).toContain("kari@fjorddata.no");
    expect(shown).not.toContain("*Kunde*");
    expect(shown).not.toContain("Kunden\\n");
    expect(await store().case.count()).toBe(0);

    // Send delivered three times: twice at once (a double click), once more later (Slack's retry).
    const [a, b] = await Promise.all([modal.submit(), modal.resubmit()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await slack.waitFor(() => modal.updates().filter((u) => (u.args.view as View).callback_id === "order_done").length >= 2);
    expect((await modal.resubmit()).status).toBe(200);
    await slack.waitFor(() => modal.updates().filter((u) => (u.args.view as View).callback_id === "order_done").length >= 3);
    const done = modal.updates().find((u) => (u.args.view as View).callback_id === "order_done")!;
    expect(text(done.args.view)).toContain("er opprettet for en fiktiv kunde i TT02");

    const cases = await store().case.findMany();
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c).toMatchObject({ route: "fictitious", environment: "tt02", vendorOrgnr: "920012345", customerOrgnr: "", customerName: "", fictitiousOrgnr: null });

    // The one e-mail, through the outbox, with the reference in its subject.
    const received = await smtp.waitFor(() => smtp.received.find((m) => m.messageId === c.orderMessageId));
    const mail = await received.parse();
    expect(mail.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang via fiktiv virksomhet – Fjorddata Systemer AS (920012345) – TT02`);
    expect(received.envelopeTo.sort()).toEqual(["kari@fjorddata.no", "opendata@brreg.no"]);
    expect(mail.text).toContain("Organisasjonsnummer: 920012345\nNavn: Fjorddata Systemer AS\nTestansvarlig: Kari Nordmann\nE-post til testansvarlig: kari@fjorddata.no\nTelefon til testansvarlig: +4791234567");
    expect(mail.text).toContain("Miljø: TT02 (testmiljø)");
    expect(mail.text).not.toContain("Kunden");
    expect(smtp.received.filter((m) => m.messageId === c.orderMessageId)).toHaveLength(1);
    expect(await store().outboxMessage.count({ where: { caseId: c.id } })).toBe(1);
    const roots = slack.callsOf("chat.postMessage").filter((m) => m.args.channel === caseChannel && !m.args.thread_ts && text(m.args.blocks).includes(c.reference));
    expect(roots).toHaveLength(1);

    // The vendor's details are kept for the next order, whichever route it takes.
    expect(await store().vendorProfile.findFirstOrThrow()).toMatchObject({ orgnr: "920012345", contactEmail: "kari@fjorddata.no" });
  });

  it("cannot be ordered for production: production chosen first, then Back to the route, still gives a TT02 case", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open("ny", "existing");
    expect(inputIds(modal.view)).toContain("environment");
    // Production on the existing route's step 1 ...
    await modal.submit({ ...vendor, environment: "production" });
    expect(modal.view.callback_id).toBe("order_customer");
    await modal.back();
    expect(shownValues(modal.view).environment).toBe("production");
    // ... then Back to the route, and the fictitious one.
    const question = await modal.back();
    expect(question.callback_id).toBe("order_route");
    expect(shownValues(question).route).toBe("existing");
    await modal.submit({ route: "fictitious" });
    expect(inputIds(modal.view)).not.toContain("environment");
    // What was typed on step 1 came along.
    expect(shownValues(modal.view)).toMatchObject({ vendor_orgnr: "920012345", vendor_contact_email: "kari@fjorddata.no" });
    await modal.submit();
    await modal.finalReview();
    expect(text(modal.view)).toContain("– TT02");
    expect(text(modal.view)).not.toContain("produksjon");
    const before = await store().case.count();
    await modal.submit();
    await slack.waitFor(() => modal.updates().find((u) => (u.args.view as View).callback_id === "order_done"));
    expect(await store().case.count()).toBe(before + 1);
    const c = await store().case.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(c).toMatchObject({ route: "fictitious", environment: "tt02" });
  });
});

describe("ordering a fictitious customer in English (LOCALE=en)", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { LOCALE: "en" });

  it("asks in English, and the e-mail to Brreg stays Norwegian", async () => {
    const modal = new OrderModal(app, slack);
    const question = await modal.open("new", null);
    expect((question.title as { text: string }).text).toBe("New case");
    expect(text(question)).toContain("Fictitious customer (TT02 only)");
    expect(text(question)).toContain("production always needs a real customer");
    await modal.submit({ route: "fictitious" });
    expect((modal.view.title as { text: string }).text).toBe("New case – step 1 of 2");
    expect(text(modal.view)).toContain("Our details as the system vendor.");
    await modal.submit({ ...vendorOnly });
    const review = await modal.finalReview();
    expect((review.title as { text: string }).text).toBe("New case – step 2 of 2");
    expect(text(review)).toContain("SMTP is not set up");
    expect(text(review)).toContain("Vi ønsker å delegere tilgang selv via en fiktiv virksomhet.");
  });
});
