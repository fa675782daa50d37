import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { intakeText } from "../../src/slack/messages/intake.js";
import { type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeEnhetsregisteret, registerFixtures } from "../support/fakeEnhetsregisteret.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { checkingMarker, OrderModal, text, vendor, customer, type View } from "./intakeDriver.js";

const m = intakeText.nb;

/** The review's register section (the blocks before the divider). */
function registerSection(view: View): string {
  const blocks = view.blocks ?? [];
  const divider = blocks.findIndex((b) => b.type === "divider");
  return text(blocks.slice(0, divider));
}

describe("order intake: the register check in the review", () => {
  let slack: FakeSlack;
  let register: FakeEnhetsregisteret;
  let app: TestApp;

  beforeAll(async () => {
    register = await new FakeEnhetsregisteret().start();
  });
  afterAll(async () => {
    await register?.stop();
  });
  useTestApp((f) => ({ slack, app } = f), () => ({ ENHETSREGISTERET_URL: register.url }));
  afterEach(() => {
    register.mode = "normal";
    register.slowNumbers.clear();
    register.overrides.clear();
  });

  async function reviewFor(customerOrgnr: string, customerName = "Kunde AS"): Promise<{ modal: OrderModal; review: View }> {
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.fillAll({ customer: { customer_orgnr: customerOrgnr, customer_name: customerName } });
    return { modal, review: await modal.finalReview() };
  }

  it("shows the registered names beside the typed ones for active companies, without warnings", async () => {
    const { review } = await reviewFor(registerFixtures.activeCustomer, customer.customer_name);
    const section = registerSection(review);
    expect(section).toContain(`Skrevet inn: ${vendor.vendor_name}`);
    expect(section).toContain("I Enhetsregisteret: FJORDDATA SYSTEMER AS");
    expect(section).toContain("I Enhetsregisteret: NORDLYS REGNSKAP OG REVISJON AS");
    expect(section).not.toContain(":warning:");
    expect(section.split(m.registerActive).length - 1).toBe(2);
  });

  const warnings: Array<{ what: string; orgnr: string; registered: string; warning: string; answer?: Record<string, unknown> }> = [
    {
      what: "being wound up",
      orgnr: "910000047",
      registered: "NORDVIND AVVIKLING AS",
      warning: m.registerLiquidation,
      answer: { organisasjonsnummer: "910000047", navn: "NORDVIND AVVIKLING AS", konkurs: false, underAvvikling: true },
    },
    { what: "bankrupt", orgnr: registerFixtures.bankrupt, registered: "HAVGAPET HANDEL AS", warning: m.registerBankrupt },
    { what: "deleted (slettedato)", orgnr: registerFixtures.deletedBySlettedato, registered: "GAMLE VERFTET EIENDOM AS", warning: m.registerDeleted },
    { what: "removed (410)", orgnr: registerFixtures.gone, registered: m.registerNoName, warning: m.registerDeleted },
    { what: "unknown (404)", orgnr: "974760673", registered: m.registerNoName, warning: m.registerUnknown },
  ];

  for (const w of warnings) {
    it(`warns, without blocking, when the customer is ${w.what}`, async () => {
      if (w.answer) register.overrides.set(w.orgnr, { status: 200, body: JSON.stringify(w.answer) });
      const { modal, review } = await reviewFor(w.orgnr);
      const section = registerSection(review);
      expect(section).toContain("Skrevet inn: Kunde AS");
      expect(section).toContain(`I Enhetsregisteret: ${w.registered}`);
      expect(section).toContain(w.warning);
      expect(section).toContain(m.registerNote);
      // A warning is advice: Send still creates the case.
      const sent = await modal.submit();
      expect(sent.body).toMatchObject({ response_action: "update", view: { callback_id: "order_sending" } });
      const done = await modal.nextUpdate();
      expect(done.callback_id).toBe("order_done");
      expect(await app.app.store.db.case.count({ where: { customerOrgnr: w.orgnr } })).toBe(1);
    });
  }

  it("does not hold the review for a slow register: it shows 'checking' and updates when the lookup gives up", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open();
    await modal.submit({ ...vendor });
    register.slowNumbers.add("923609016");
    await modal.submit({ ...customer, customer_orgnr: "923609016" });
    const ack = await modal.submit({ customer_access: "confirmed" });
    // The ack carries the review at once; the customer's lookup is still under way.
    expect(ack.body).toMatchObject({ response_action: "update", view: { callback_id: "order_review" } });
    expect(text(ack.body.view)).toContain(checkingMarker);
    expect(registerSection(ack.body.view as View)).toContain("FJORDDATA SYSTEMER AS");
    const updated = await modal.nextUpdate();
    expect(updated.callback_id).toBe("order_review");
    expect(registerSection(updated)).toContain(m.registerUnavailable);
    expect(text(updated)).not.toContain(checkingMarker);
    await modal.submit();
    expect((await modal.nextUpdate()).callback_id).toBe("order_done");
    expect(await app.app.store.db.case.count({ where: { customerOrgnr: "923609016" } })).toBe(1);
  });

  it("goes on when the register is down (500): both lookups unavailable, Send still works", async () => {
    register.mode = "down";
    const { modal, review } = await reviewFor("915441416");
    const section = registerSection(review);
    expect(section.split(m.registerUnavailable).length - 1).toBe(2);
    expect(section).toContain(`Skrevet inn: ${vendor.vendor_name}`);
    await modal.submit();
    expect((await modal.nextUpdate()).callback_id).toBe("order_done");
    expect(await app.app.store.db.case.count({ where: { customerOrgnr: "915441416" } })).toBe(1);
  });

  it("asks the register once per number in a modal session, Back and forth included", async () => {
    const orgnr = "986105174";
    const vendorBefore = register.countFor(registerFixtures.activeVendor);
    const { modal } = await reviewFor(orgnr);
    await modal.back();
    await modal.back();
    await modal.back();
    expect(modal.view.callback_id).toBe("order_vendor");
    await modal.submit();
    await modal.submit();
    await modal.submit();
    const review = await modal.finalReview();
    expect(registerSection(review)).toContain(m.registerUnknown);
    expect(register.countFor(orgnr)).toBe(1);
    expect(register.countFor(registerFixtures.activeVendor)).toBe(vendorBefore + 1);
    // A new modal is a new session: it asks again.
    await reviewFor(orgnr);
    expect(register.countFor(orgnr)).toBe(2);
  });
});
