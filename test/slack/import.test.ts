import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgnrSchema } from "../../src/domain/orgnr.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import { FakeEnhetsregisteret } from "../support/fakeEnhetsregisteret.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { OrderModal, text, vendor, type View } from "./intakeDriver.js";

// `/delegering import`: many customers in one modal, one case (and one order e-mail) per ready line.

const fnr = "07896498713";

/** The first `n` organisation numbers from 912000000 up that pass MOD11. */
function validOrgnrs(n: number): string[] {
  const out: string[] = [];
  for (let k = 912000000; out.length < n; k++) if (orgnrSchema.safeParse(String(k)).success) out.push(String(k));
  return out;
}
const fiveLines = [
  "Orgnr;Navn;Kontaktperson;E-post;Telefon",
  "812345672;Nordlys Regnskap AS;Ola Nordmann;ola@nordlys.no;48123456",
  "310964719;Konkursbo Handel AS;Per Hansen;per@konkursbo.no;91234567",
  "812345673;Feil Sjekksiffer AS;Kari Holm;kari@feil.no;91234567",
  `912000001;Kunde Med Fnr AS;Lise ${fnr};lise@fnr.no;91234567`,
  "912000028;Tredje Kunde AS;Nils Berg;nils@tredje.no;+46 70 123 45 67",
].join("\n");

describe.each(backends())("customer import: /delegering import on %s", (backend) => {
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

  const typedVendor = { ...vendor, customer_access: "confirmed" };

  /** Opens the modal, submits the list and returns the review once every register answer is in. */
  async function review(modal: OrderModal, typed: Record<string, string | null>): Promise<View> {
    const opened = await modal.open("import");
    expect(opened.callback_id).toBe("import_input");
    const checked = await modal.submit({ ...typedVendor, ...typed });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ response_action: "update", view: { callback_id: "import_review" } });
    while (text(modal.view).includes("sjekker registeret")) await modal.nextUpdate();
    return modal.view;
  }

  async function createdOn(modal: OrderModal): Promise<View> {
    const sent = await modal.submit();
    expect(sent.body).toMatchObject({ response_action: "update", view: { callback_id: "import_sending" } });
    const done = await modal.nextUpdate();
    expect(done.callback_id).toBe("import_done");
    return done;
  }

  it("creates one case and one order e-mail per ready line, and names the bad lines and their fields", async () => {
    const modal = new OrderModal(app, slack);
    const shown = await review(modal, { customers: fiveLines });
    const words = text(shown);
    expect(words).toContain("3 klare, 2 med feil");
    expect(words).toContain("Linje 4");
    expect(words).toContain("Kundens organisasjonsnummer");
    expect(words).toContain("Linje 5");
    expect(words).toContain("Kundens testansvarlig");
    expect(words).toContain("[fødselsnummer fjernet]");
    // The register's word on each line: the bankrupt customer is flagged.
    expect(words).toContain("Registrert som konkurs");
    expect((shown.submit as { text: string }).text).toBe("Opprett 3 saker");
    expect(await store().case.count()).toBe(0);

    const done = await createdOn(modal);
    const cases = await store().case.findMany({ orderBy: { id: "asc" } });
    expect(cases.map((c) => c.customerOrgnr)).toEqual(["812345672", "310964719", "912000028"]);
    // The order went into the outbox with the case; the outbox worker may have sent it (preview) and moved the case on already.
    expect(cases.every((c) => c.environment === "tt02" && ["order_pending", "awaiting_brreg"].includes(c.stage) && c.ownerUserId === "U0ALICE")).toBe(true);
    const mails = await store().outboxMessage.findMany({ where: { kind: "order" } });
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.caseId))).toEqual(new Set(cases.map((c) => c.id)));
    // Each case has its own thread in the case channel.
    for (const c of cases) {
      expect(slack.callsOf("chat.postMessage").some((m) => m.args.channel === caseChannel && !m.args.thread_ts && text(m.args.blocks).includes(c.reference))).toBe(true);
    }
    const doneText = text(done);
    for (const c of cases) expect(doneText).toContain(c.reference);
    expect(doneText).toContain("Ikke tatt med (2)");
    // The vendor is remembered for the next order.
    expect(await store().vendorProfile.findUnique({ where: { workspaceId: "T0TEST" } })).toMatchObject({ orgnr: "920012345" });
    // No identity number anywhere the app wrote.
    expect(slack.allText()).not.toContain(fnr);
    expect(JSON.stringify(await store().importDraft.findMany())).not.toContain(fnr);

    // The same Send delivered again creates nothing more.
    const before = modal.updates().length;
    const again = await modal.resubmit();
    expect(again.status).toBe(200);
    await slack.waitFor(() => modal.updates()[before]);
    expect(await store().case.count()).toBe(3);
    expect(await store().outboxMessage.count({ where: { kind: "order" } })).toBe(3);
  });

  it("keeps 50 lines within Slack's view limits, and a late register answer updates the review after the ack", async () => {
    const lines = validOrgnrs(50).map((orgnr, i) => `${orgnr};Kunde nummer ${String(i)} med et langt firmanavn AS;Ola Nordmann;ola.nordmann@kunde-${String(i)}.no;91234567`);
    const slow = "912000001";
    register.slowNumbers.add(slow);
    // The second FakeSlack argument checks every view our acks carry, as Slack would.
    const modal = new OrderModal(app, slack, "U0ALICE", slack);
    await modal.open("import");
    // Too long to paste: as a file.
    slack.files.set("F0FIFTY", lines.join("\n"));
    const checked = await modal.submit({ ...typedVendor, customers: null, customers_file: "F0FIFTY" });
    expect(checked.body).toMatchObject({ response_action: "update", view: { callback_id: "import_review" } });
    // Answered before the slow lookup: that line is still being checked.
    expect(text(modal.view)).toContain("sjekker registeret");
    const updated = await modal.nextUpdate();
    expect(text(updated)).not.toContain("sjekker registeret");
    expect(text(updated)).toContain("Enhetsregisteret svarte ikke");
    expect(text(updated)).toContain("50 klare, 0 med feil");
    register.slowNumbers.delete(slow);
  });

  it("refuses more than 50 lines, saying 50 at most", async () => {
    const lines = Array.from({ length: 51 }, (_, i) => `${String(912000001 + i)};Kunde ${String(i)} AS;Ola Nordmann;ola@kunde.no;91234567`);
    const modal = new OrderModal(app, slack);
    await modal.open("bulk");
    const refused = await modal.submit({ ...typedVendor, customers: lines.join("\n") });
    expect(refused.body).toMatchObject({ response_action: "errors" });
    expect(text(refused.body)).toContain("høyst 50");
  });

  it("says on the right input when the list is given twice, or the file is too big, not text or unreadable", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open("import");
    const line = "912000036;Kunde AS;Eva Lie;eva@kunde.no;91234567";
    slack.files.set("F0BOTH", line);
    const both = await modal.submit({ ...typedVendor, customers: line, customers_file: "F0BOTH" });
    expect(both.body).toEqual({ response_action: "errors", errors: { customers: "Bruk enten innliming eller fil, ikke begge." } });

    slack.files.set("F0BIG", `${line}\n`.repeat(Math.ceil((200 * 1024) / line.length)));
    const big = await modal.submit({ ...typedVendor, customers: null, customers_file: "F0BIG" });
    expect(big.body).toEqual({ response_action: "errors", errors: { customers_file: "Filen er for stor (høyst 200 kB). Del listen opp." } });

    // A spreadsheet saved as .xlsx (a zip): not UTF-8 text.
    slack.files.set("F0XLSX", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0xfe, 0x00, 0x00]));
    const binary = await modal.submit({ ...typedVendor, customers: null, customers_file: "F0XLSX" });
    expect(binary.body).toEqual({ response_action: "errors", errors: { customers_file: "Filen er ikke en tekstfil (CSV eller TXT i UTF-8)." } });

    slack.files.set("F0GONE", line);
    slack.failures.set("files.info", "file_not_found");
    try {
      const gone = await modal.submit({ ...typedVendor, customers: null, customers_file: "F0GONE" });
      expect(gone.body).toEqual({ response_action: "errors", errors: { customers_file: "Filen kunne ikke leses. Prøv igjen, eller lim inn listen." } });
    } finally {
      slack.failures.delete("files.info");
    }
    expect(await store().case.count({ where: { customerOrgnr: "912000036" } })).toBe(0);
  });

  it("asks for the file when the paste fills the input, and reads the file through the bot token", async () => {
    const modal = new OrderModal(app, slack);
    await modal.open("import");
    const long = Array.from({ length: 40 }, () => "912000001;Kunde med et ganske langt navn AS;Ola Nordmann;ola.nordmann@kunde.no;91234567").join("\n").padEnd(3000, " ");
    const refused = await modal.submit({ ...typedVendor, customers: long });
    expect(refused.body).toMatchObject({ response_action: "errors" });
    expect(text(refused.body)).toContain("Last opp listen som CSV");

    slack.files.set("F0IMPORT1", "Orgnr,Navn,Kontakt,E-post,Telefon\r\n912000036,Fil Kunde AS,Eva Lie,eva@fil.no,91234567\r\n");
    const checked = await modal.submit({ ...typedVendor, environment: "production", customers: null, customers_file: "F0IMPORT1" });
    expect(checked.body).toMatchObject({ response_action: "update", view: { callback_id: "import_review" } });
    expect(slack.downloads.at(-1)).toEqual({ id: "F0IMPORT1", authorization: "Bearer xoxb-test-token" });
    while (text(modal.view).includes("sjekker registeret")) await modal.nextUpdate();
    expect(text(modal.view)).toContain("1 klare, 0 med feil");
    await createdOn(modal);
    expect(await store().case.findFirst({ where: { customerOrgnr: "912000036" } })).toMatchObject({ environment: "production" });
  });
});
