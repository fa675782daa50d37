import pg from "pg";
import { describe, expect, it } from "vitest";
import { hasPostgres, type TestDatabase } from "../support/db.js";
import { advanceCase } from "../../src/service/cases.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { noticesSettled } from "../support/cases.js";
import { ask, manyCases, messageClick, newCase, nextResponse } from "./statusSupport.js";

describe("/delegering status and liste over signed HTTP", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = new Date("2026-11-20T09:00:00Z");

  useTestApp((f) => ({ slack, app } = f), {}, { now: () => clock });

  it("by reference: the whole case, its thread link and its latest events in words", async () => {
    // Pending customer access: nothing is queued, so no worker moves the case behind the test's back.
    const c = await newCase(app, { customer_name: "Nordlys Regnskap AS", customer_orgnr: "923609016", customer_access: "pending" }, "U0ALICE");
    clock = new Date("2026-11-21T09:00:00Z");
    expect(await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: "U0BOB", set: { closedReason: "Kunden trakk seg" } })).toMatchObject({ status: "moved" });
    clock = new Date("2026-11-24T12:00:00Z");

    const r = await ask(app, `status ${c.reference.toLowerCase()}`, "U0EVE");
    expect(r.body.response_type).toBe("ephemeral");
    expect(r.text).toContain(`${c.reference} · Nordlys Regnskap AS`);
    expect(r.text).toContain("923 609 016");
    expect(r.text).toContain("TT02 (test)");
    expect(r.text).toContain("*Steg*\\nAvbrutt");
    expect(r.text).toContain("i 3 dager");
    expect(r.text).toContain("Kunden trakk seg");
    expect(r.text).toContain("<@U0ALICE>");
    expect(r.text).toContain("Ingenting – saken er avbrutt."); // next action
    const root = slack.callsOf("chat.postMessage").find((call) => JSON.stringify(call.args).includes(c.reference) && !call.args.thread_ts);
    expect(root).toBeDefined();
    expect(r.text).toContain(`https://test.slack.com/archives/${caseChannel}/p${String(root!.response.ts).replace(".", "")}`);
    // events, newest first: the move by Bob, then Alice creating the case
    expect(r.text).toContain("Siste hendelser");
    const moved = r.text.indexOf("<@U0BOB> · flyttet saken til «Avbrutt»");
    const created = r.text.indexOf("<@U0ALICE> · opprettet saken");
    expect(moved).toBeGreaterThan(-1);
    expect(created).toBeGreaterThan(moved);
    expect(r.text).not.toContain("stage:");
    // a cancelled case offers no stage buttons, but its event log can still be exported
    expect(r.text).toContain(`"action_id":"export_events","value":"${c.reference}"`);
    expect(r.text).not.toContain('"action_id":"cancel_case"');
  });

  it("shows only the last 10 events", async () => {
    const c = await newCase(app, { customer_name: "Hendelsesrik AS", customer_orgnr: "974760673" });
    const db = app.app.runtime.db;
    await db.caseEvent.createMany({
      data: Array.from({ length: 14 }, (_, i) => ({ caseId: c.id, kind: i % 2 ? "mail_sent" : "reminder_snoozed", actor: "scheduler", at: new Date(clock.getTime() + (i + 1) * 60_000) })),
    });
    const r = await ask(app, `status ${c.reference}`);
    const events = String(r.blocks.map((b) => (b.text as { text?: string } | undefined)?.text ?? "").find((t) => t.startsWith("*Siste hendelser*")));
    expect(events.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(10);
    expect(events).toContain("sendte e-posten til Brreg");
    expect(events).toContain("utsatte påminnelsen");
    expect(events).not.toContain("opprettet saken"); // the oldest fell off
  });

  it("says when some of the case's notices are still waiting for Slack", async () => {
    const waiting = "venter på Slack";
    const outage = slack.fail("chat.postMessage", { error: "service_unavailable" });
    let reference: string;
    try {
      const c = await newCase(app, { customer_name: "Ventende Varsler AS", customer_orgnr: "986105174", customer_access: "pending" }, "U0ALICE", { waitForThread: false });
      reference = c.reference;
      const r = await ask(app, `status ${c.reference}`);
      expect(r.text).toContain(`3 melding(er) om saken ${waiting}`);
    } finally {
      outage();
    }
    await noticesSettled(app);
    expect((await ask(app, `status ${reference}`)).text).not.toContain(waiting);
  });

  it("by org number, typed with spaces; several cases for one customer give a short list", async () => {
    const a = await newCase(app, { customer_name: "Fjordkraft Holding AS", customer_orgnr: "812345672" });
    let r = await ask(app, "status 812 345 672");
    expect(r.text).toContain(a.reference);
    expect(r.text).toContain("Siste hendelser"); // one match: the full status

    const b = await newCase(app, { customer_name: "Fjordkraft Holding AS", customer_orgnr: "812345672", environment: "production" });
    r = await ask(app, "status 812 345 672");
    expect(r.text).toContain("2 saker passer til «812 345 672»");
    expect(r.text).toContain(a.reference);
    expect(r.text).toContain(b.reference);
    expect(r.text).toContain("Produksjon");
    expect(r.text).not.toContain("Siste hendelser");
  });

  it("by part of a name, case- and accent-insensitively", async () => {
    const c = await newCase(app, { customer_name: "Brønnøysund Ærlig Økonomi AS", customer_orgnr: "916700044" });
    for (const q of ["brønnøy", "BRONNOYSUND", "aerlig okonom", "økonomi brønn", "Ærlig"]) {
      const r = await ask(app, `status ${q}`);
      expect(r.text, q).toContain(c.reference);
      expect(r.text, q).toContain("Siste hendelser");
    }
    // Slack sends "&" in a command as "&amp;": the search still sees the words typed.
    const amp = await newCase(app, { customer_name: "Nordlys & Sønn AS", customer_orgnr: "923609016" });
    const r = await ask(app, "status nordlys & sønn");
    expect(r.text).toContain(amp.reference);
    expect(r.text).toContain("Nordlys &amp; Sønn AS");
  });

  it("several name matches: a short list, capped with a hint to narrow down", async () => {
    await manyCases(app, 23, { name: "Vanligsak Eiendom AS", stage: "awaiting_delegation" });
    const r = await ask(app, "status vanligsak");
    expect(r.text).toContain("flere enn 20 saker passer til «vanligsak»");
    expect(r.text).toContain("Det er flere treff enn vist her");
    expect(r.blocks.length).toBeLessThanOrEqual(50);
    expect(r.blocks.filter((b) => JSON.stringify(b).includes("Vanligsak Eiendom AS"))).toHaveLength(20);
  });

  it("no match says so and suggests liste; an empty query explains the forms", async () => {
    let r = await ask(app, "status finnesikke");
    expect(r.text).toContain("Fant ingen sak for «finnesikke»");
    expect(r.text).toContain("/delegering liste");
    r = await ask(app, "status DLG-999999");
    expect(r.text).toContain("Fant ingen sak for «DLG-999999»");
    r = await ask(app, "status");
    expect(r.text).toContain("/delegering status DLG-12");
  });

  it("escapes what the user typed and what the customer is called", async () => {
    const c = await newCase(app, { customer_name: "<!channel> *Fet* AS", customer_orgnr: "810000002" });
    const r = await ask(app, `status ${c.reference}`);
    expect(r.text).not.toContain("<!channel>");
    expect(r.text).toContain("&lt;!channel&gt;");
    const none = await ask(app, "status <!here> zzq");
    expect(none.text).not.toContain("<!here>");
    expect(none.text).toContain("&lt;!here&gt; zzq");
    // A national identity number typed by mistake is not echoed back.
    const fnr = await ask(app, "status 07896498713");
    expect(fnr.text).toContain("Fant ingen sak");
    expect(fnr.text).not.toContain("07896498713");
    expect(fnr.text).toContain("[fødselsnummer fjernet]");
  });

  it("liste: open cases grouped by stage in process order, oldest first; mine and venter filter", async () => {
    await manyCases(app, 1, { owner: "U0GROUP", stage: "awaiting_delegation" });
    await manyCases(app, 1, { owner: "U0GROUP", stage: "order_pending" });
    await manyCases(app, 1, { owner: "U0GROUP", stage: "awaiting_brreg" });
    await manyCases(app, 1, { owner: "U0OTHER", name: "Annenmanns Sak AS", stage: "awaiting_brreg" });
    const r = await ask(app, "liste mine", "U0GROUP");
    expect(r.body.response_type).toBe("ephemeral");
    const text = r.text;
    const brreg = text.indexOf("*Venter på svar fra Brreg*");
    const delegation = text.indexOf("*Venter på delegering fra kunden*");
    const sending = text.indexOf("*Bestillingen sendes til Brreg*");
    expect(sending).toBeGreaterThan(-1);
    expect(brreg).toBeGreaterThan(sending);
    expect(delegation).toBeGreaterThan(brreg);
    expect(r.blocks.length).toBeLessThanOrEqual(50);
    const all = await ask(app, "liste", "U0GROUP");
    expect(all.text).toContain("Alle åpne saker");
    expect(all.text).toContain("Annenmanns Sak AS");
    expect(all.blocks.length).toBeLessThanOrEqual(50);

    const mine = await ask(app, "list mine", "U0NOBODY");
    expect(mine.text).toContain("Du har ingen åpne saker");
    const venter = await ask(app, "liste venter");
    expect(venter.text).not.toContain("*Bestillingen sendes til Brreg*");
    expect(venter.text).toContain("*Venter på svar fra Brreg*");
    const bad = await ask(app, "liste tull");
    expect(bad.text).toContain("Kjenner ikke «tull»");
  });

  it("liste pages: exactly a page has no next button; a page + 1 has one that shows the last case", async () => {
    const t0 = Date.UTC(2025, 0, 1);
    const refs = await manyCases(app, 40, { owner: "U0PAGER", stage: "awaiting_brreg", at: (i) => new Date(t0 + (39 - i) * 60_000) });
    let r = await ask(app, "liste mine", "U0PAGER");
    expect(r.blocks.length).toBeLessThanOrEqual(50);
    expect(r.text).not.toContain("liste_next");
    // oldest first: the last inserted has the earliest stageChangedAt
    expect(r.text.indexOf(`*${refs[39]}*`)).toBeLessThan(r.text.indexOf(`*${refs[0]}*`));
    for (const ref of refs) expect(r.text).toContain(`*${ref}*`);

    const [extra] = await manyCases(app, 1, { owner: "U0PAGER", stage: "awaiting_delegation", at: () => new Date(t0) });
    r = await ask(app, "liste mine", "U0PAGER");
    expect(r.blocks.length).toBeLessThanOrEqual(50);
    expect(r.text).not.toContain(`*${extra}*`);
    const pager = r.blocks.find((b) => b.block_id === "liste_pages") as { elements: Array<{ action_id: string; value: string }> };
    const next = pager.elements.find((e) => e.action_id === "liste_next")!;
    expect(next).toBeDefined();

    const before = slack.responses.length;
    const res = await app.interact({ ...messageClick(app, "liste_next", next.value, "U0PAGER") });
    expect(res.status).toBe(200);
    const page2 = await nextResponse(app, before);
    expect(page2.body.replace_original).toBe(true);
    expect(page2.text).toContain(`*${extra}*`);
    expect(page2.text).toContain("side 2");
    for (const ref of refs) expect(page2.text).not.toContain(`*${ref}*`);
    expect(page2.text).not.toContain("liste_next");
    expect(page2.text).toContain("liste_first");

    // The last case closes before someone presses "show more" on the old first page: page 2 is
    // empty, says why, and still leads back to the first page.
    const extraCase = await app.app.runtime.db.case.findUniqueOrThrow({ where: { reference: extra! } });
    await app.app.runtime.db.case.update({ where: { id: extraCase.id }, data: { stage: "cancelled" } });
    const again = slack.responses.length;
    await app.interact({ ...messageClick(app, "liste_next", next.value, "U0PAGER") });
    const empty = await nextResponse(app, again);
    expect(empty.text).toContain("Ingen flere saker");
    expect(empty.text).toContain("liste_first");
  });
});

describe.skipIf(!hasPostgres())("/delegering status with a stalled database", () => {
  let app: TestApp;
  let db: TestDatabase;

  useTestApp((f) => ({ app, db } = f), {}, { backend: "postgresql" });

  it("acks empty past the bound and sends the answer to response_url once the database answers", async () => {
    const c = await newCase(app, { customer_name: "Treg Database AS", customer_orgnr: "974760673" });
    // Another connection holds the Case table: the status query waits on the lock.
    const blocker = new pg.Client({ connectionString: db.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`LOCK TABLE "Case" IN ACCESS EXCLUSIVE MODE`);
      const before = app.slack.responses.length;
      const res = await app.command(`status ${c.reference}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
      expect(app.slack.responses.length).toBe(before);
      await blocker.query("COMMIT");
      const r = await nextResponse(app, before);
      expect(r.body.response_type).toBe("ephemeral");
      expect(r.text).toContain(`${c.reference} · Treg Database AS`);
    } finally {
      await blocker.end();
    }
  });
});
