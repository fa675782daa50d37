import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Order } from "../../src/domain/order.js";
import { erasedMarker } from "../../src/domain/personalData.js";
import { parseMail } from "../../src/mail/parseMail.js";
import { advanceCase } from "../../src/service/cases.js";
import { queueCustomerMail } from "../../src/service/customerMail.js";
import { noteHomeShown } from "../../src/service/home.js";
import { handleInbound } from "../../src/service/inbound.js";
import { eventLogCsv } from "../../src/service/queries.js";
import { retentionPassIfDue } from "../../src/service/retention.js";
import { rememberVendor } from "../../src/service/vendorProfiles.js";
import { useTestApp } from "../support/appFixture.js";
import type { TestApp } from "../support/app.js";
import { openTestCase } from "../support/cases.js";
import { backends, type TestDatabase } from "../support/db.js";
import { brregReplyTo } from "../mail/inboxMail.js";
import { freshCase, moveTo, until, untilStage } from "../slack/followupHelpers.js";
import { ask } from "../slack/statusSupport.js";

const day = 86_400_000;
const t0 = new Date("2027-01-04T10:00:00Z");

// The app's own scheduler ticks hourly here, so the passes happen where the tests run them.
const env = { MAIL_FROM: "delegering@fjorddata.no", SCHEDULER_POLL_MS: "3600000" };

/** Contacts no other case uses, so finding them anywhere in DATA_DIR means they were kept. */
function orderFor(who: string, n: number, customerName: string): Order {
  return {
    environment: "tt02",
    vendor_orgnr: "920012345",
    vendor_name: "Fjorddata Systemer AS",
    vendor_contact_name: `Vegard ${who}sen`,
    vendor_contact_email: `vegard.${who.toLowerCase()}@fjorddata.no`,
    vendor_contact_phone: `+479111000${n}`,
    customer_orgnr: "812345672",
    customer_name: customerName,
    customer_contact_name: `Ragnhild ${who}sen`,
    customer_contact_email: `ragnhild.${who.toLowerCase()}@kunde.no`,
    customer_contact_phone: `+474111000${n}`,
    customer_access: "confirmed",
  };
}

function plainMail(from: string, subject: string, id: string): Buffer {
  return Buffer.from(
    [`From: ${from}`, "To: delegering@fjorddata.no", `Subject: ${subject}`, `Message-ID: <${id}@annet.no>`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Hei!", ""].join("\r\n"),
  );
}

/** Every file under `dir`, as path and content. */
async function filesUnder(dir: string): Promise<Array<{ path: string; data: Buffer }>> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = names.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (path) => ({ path, data: await readFile(path) })));
}

/** The needles found anywhere in DATA_DIR (the embedded database's own files included). */
async function foundIn(dir: string, needles: string[]): Promise<string[]> {
  const files = await filesUnder(dir);
  return needles.filter((n) => files.some((f) => f.data.includes(n)));
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** The outbox row once preview mode has written it (and recorded where). */
function previewWritten(app: TestApp, caseId: number, kind: string) {
  return until(async () => {
    const row = await app.app.runtime.db.outboxMessage.findUnique({ where: { caseId_kind: { caseId, kind } } });
    return row?.status === "sent" && row.previewPath ? row : null;
  }, `${kind} of case ${caseId} written`);
}

for (const backend of backends()) {
  describe(`personal data after RETENTION_DAYS on ${backend}`, () => {
    let app: TestApp;
    let db: TestDatabase;
    let clock = t0;
    useTestApp((f) => ({ app, db } = f), env, { now: () => clock, backend });

    const sent = (caseId: number, kind: string) => previewWritten(app, caseId, kind);

    it("replaces a long-closed case's contacts, mail and notes by the marker, in its rows and files, and keeps its history", async () => {
      const { services } = app.app;
      const store = app.app.runtime.db;

      // A TT02 case that went as far as it will a year ago: order, Brreg's reply (naming where the
      // login went), the guidance to the customer with a note, the customer's answer, completed
      // (the scope reported; its token check never ran).
      const old = await openTestCase(app, orderFor("Gammel", 1, "Gammel Kunde AS"), "U0OWNER");
      const order = await sent(old.id, "order");
      await untilStage(app, old.reference, "awaiting_brreg");
      const reply = await parseMail(Buffer.from(await brregReplyTo(app, await freshCase(app, old.reference))));
      expect(await handleInbound(services, { mailbox: "INBOX", uidValidity: 1n, uid: 1n, receivedAt: t0 }, reply)).toMatchObject({ classification: "confirmation" });
      const note = "Ring Ragnhild etter klokka tre";
      const queued = await queueCustomerMail(services, { reference: old.reference, kind: "delegation_guidance", to: "ragnhild.gammel@kunde.no", note, actor: "U0OWNER", otherDomain: false });
      expect(queued.status).toBe("queued");
      const guidance = await sent(old.id, "customer-guidance-1");
      const answer = plainMail("Ragnhild Gammelsen <ragnhild.gammel@kunde.no>", `SV: [${old.reference}] Sporsmal fra Ragnhild Gammelsen`, "svar-1");
      expect(await handleInbound(services, { mailbox: "INBOX", uidValidity: 1n, uid: 2n, receivedAt: t0 }, await parseMail(answer))).toMatchObject({ classification: "customer_reply" });
      await moveTo(app, old.reference, "completed");
      // A live delegation verified the same day: checked again as long as it lives, so it keeps
      // the contacts the team needs if the customer withdraws it.
      const live = await openTestCase(app, orderFor("Levende", 5, "Levende Kunde AS"), "U0OWNER");
      await sent(live.id, "order");
      await moveTo(app, live.reference, "completed");
      expect((await advanceCase(services, { reference: live.reference, from: "completed", to: "verified", actor: "maskinporten" })).status).toBe("moved");

      // Mail nobody could place, a vendor profile, an import draft and a Home viewer of the same day.
      const stray = plainMail("Oddvar Gammelsen <oddvar.gammel@annet.no>", "Hei fra Oddvar Gammelsen", "stray-1");
      expect(await handleInbound(services, { mailbox: "INBOX", uidValidity: 1n, uid: 3n, receivedAt: t0 }, await parseMail(stray))).toMatchObject({ classification: "ignored", reference: null });
      await rememberVendor(services, "T0GAMMEL", orderFor("Gammel", 1, "Gammel Kunde AS"));
      await store.importDraft.create({ data: { session: "V0OLD", workspaceId: "T0GAMMEL", userId: "U0OWNER", data: { lines: ["draft.person@kunde.no"] }, createdAt: t0 } });
      await noteHomeShown(services, "U0VIEWER");

      // An open case from the same day, and a case closed only 200 days ago.
      const open = await openTestCase(app, orderFor("Aapen", 2, "Aapen Kunde AS"), "U0OWNER");
      const openOrder = await sent(open.id, "order");
      const recent = await openTestCase(app, orderFor("Nylig", 3, "Nylig Kunde AS"), "U0OWNER");
      await sent(recent.id, "order");
      clock = new Date(t0.getTime() + 200 * day);
      const reason = "Per Nyligsen trakk bestillingen";
      expect((await advanceCase(services, { reference: recent.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: reason }, details: { reason } })).status).toBe("moved");
      const laterStray = plainMail("Nina Nyligsen <nina.nylig@annet.no>", "Hei fra Nina", "stray-2");
      await handleInbound(services, { mailbox: "INBOX", uidValidity: 1n, uid: 4n, receivedAt: clock }, await parseMail(laterStray));
      await rememberVendor(services, "T0NYLIG", orderFor("Nylig", 3, "Nylig Kunde AS"));

      // Preview files are the app user's only, whatever the umask (the test runner's is wider).
      expect(await mode(join(db.dataDir, "outbox"))).toBe(0o700);
      for (const row of [order, guidance, openOrder]) expect(await mode(row.previewPath!)).toBe(0o600);

      const gone = [
        "ragnhild.gammel@kunde.no",
        "Ragnhild Gammelsen",
        "+4741110001",
        "vegard.gammel@fjorddata.no",
        "Vegard Gammelsen",
        "+4791110001",
        note,
        "oddvar.gammel@annet.no",
        "Oddvar Gammelsen",
        "draft.person@kunde.no",
      ];
      const before = await store.case.findUniqueOrThrow({ where: { id: old.id }, include: { events: { orderBy: { id: "asc" } } } });
      const details = JSON.stringify(before.events.map((e) => e.details));
      expect(details).toContain("ragnhild.gammel@kunde.no"); // to, and loginSentTo
      expect(before.loginSentTo).toContain("ragnhild.gammel@kunde.no");
      expect(details).toContain("vegard.gammel@fjorddata.no"); // cc
      // The grep below can see them: each is in the embedded database's files before the pass.
      if (backend === "pglite") expect(await foundIn(db.dataDir, gone)).toEqual(gone);

      // 366 days after the old case closed: its personal data goes, nothing else.
      clock = new Date(t0.getTime() + 366 * day);
      const outcome = await retentionPassIfDue(services);
      expect(outcome).toMatchObject({ cases: 1, previews: 2, unmatchedMail: 1, vendorProfiles: 1, importDrafts: 1 });
      expect(outcome!.homeViewers).toBeGreaterThanOrEqual(1);

      const after = await store.case.findUniqueOrThrow({ where: { id: old.id }, include: { events: { orderBy: { id: "asc" } }, outbox: true, inbound: true } });
      expect(after).toMatchObject({
        vendorContactName: erasedMarker,
        vendorContactEmail: erasedMarker,
        vendorContactPhone: erasedMarker,
        customerContactName: erasedMarker,
        customerContactEmail: erasedMarker,
        customerContactPhone: erasedMarker,
        loginSentTo: [erasedMarker],
        personalDataErasedAt: clock,
        // the history: stage, times, org numbers, company names
        stage: "completed",
        stageChangedAt: before.stageChangedAt,
        createdAt: before.createdAt,
        customerOrgnr: "812345672",
        vendorOrgnr: "920012345",
        customerName: "Gammel Kunde AS",
        reference: old.reference,
      });
      expect(after.events.map((e) => [e.kind, e.actor, e.at])).toEqual(before.events.map((e) => [e.kind, e.actor, e.at]));
      const confirmed = after.events.find((e) => e.kind === "stage:awaiting_delegation")!.details as Record<string, unknown>;
      expect(confirmed).toMatchObject({ loginSentTo: erasedMarker, via: "mail" });
      const toCustomer = after.events.find((e) => e.kind === "customer_mail_queued")!.details as Record<string, unknown>;
      expect(toCustomer).toMatchObject({ to: erasedMarker, cc: erasedMarker, kind: "customer-guidance-1" });
      for (const row of after.outbox) {
        expect(row).toMatchObject({ subject: erasedMarker, textBody: erasedMarker, htmlBody: erasedMarker, toAddresses: [erasedMarker], previewPath: null, status: "sent" });
      }
      expect(after.inbound.map((m) => [m.classification, m.fromAddress, m.subject])).toEqual([
        ["confirmation", erasedMarker, erasedMarker],
        ["customer_reply", erasedMarker, erasedMarker],
      ]);
      for (const row of [order, guidance]) await expect(stat(row.previewPath!)).rejects.toThrow(/ENOENT/);
      expect(await foundIn(db.dataDir, gone)).toEqual([]);

      // Status, the event export and a search by org number still answer for it, with the marker.
      const status = await ask(app, `status ${old.reference}`);
      expect(status.text).toContain(old.reference);
      expect(status.text).toContain("Fullført");
      expect(status.text).toContain("Personopplysninger");
      const csv = await eventLogCsv(services, after, ["time", "time_oslo", "event", "actor", "details"]);
      expect(csv.csv).toContain(erasedMarker);
      expect(csv.csv).not.toContain("ragnhild.gammel");
      expect((await ask(app, "status 812345672")).text).toContain(old.reference);

      // The live delegation, the open case and the recently closed one keep everything, files included.
      expect(await freshCase(app, live.reference)).toMatchObject({ stage: "verified", customerContactEmail: "ragnhild.levende@kunde.no", vendorContactName: "Vegard Levendesen", personalDataErasedAt: null });
      expect(await freshCase(app, open.reference)).toMatchObject({ customerContactEmail: "ragnhild.aapen@kunde.no", personalDataErasedAt: null });
      expect(await mode(openOrder.previewPath!)).toBe(0o600);
      expect(await freshCase(app, recent.reference)).toMatchObject({ customerContactName: "Ragnhild Nyligsen", closedReason: reason, personalDataErasedAt: null });
      const recentCancel = await store.caseEvent.findFirstOrThrow({ where: { caseId: recent.id, kind: "stage:cancelled" } });
      expect(recentCancel.details).toMatchObject({ reason });
      if (backend === "pglite") expect(await foundIn(db.dataDir, ["ragnhild.aapen@kunde.no", "Ragnhild Nyligsen"])).toHaveLength(2);
      // Mail that matched no case goes after the period; younger mail stays.
      expect((await store.inboundMail.findMany({ where: { caseId: null } })).map((m) => m.fromAddress)).toEqual(["nina.nylig@annet.no"]);
      expect((await store.vendorProfile.findMany()).map((p) => p.workspaceId)).toEqual(["T0NYLIG"]);
      expect(await store.importDraft.count()).toBe(0);

      // Once per slot; a later slot finds nothing left to do.
      expect(await retentionPassIfDue(services)).toBeNull();
      clock = new Date(clock.getTime() + 6 * 3600_000);
      expect(await retentionPassIfDue(services)).toMatchObject({ cases: 0, previews: 0, unmatchedMail: 0, vendorProfiles: 0, importDrafts: 0 });
      expect((await store.case.findUniqueOrThrow({ where: { id: old.id } })).personalDataErasedAt).toEqual(new Date(t0.getTime() + 366 * day));
    }, 60_000);

    it("is run by one of two replicas' passes in the same slot, and the cancellation reason goes too", async () => {
      const { services } = app.app;
      const c = await openTestCase(app, orderFor("Tvilling", 4, "Tvilling Kunde AS"), "U0OWNER");
      await untilStage(app, c.reference, "awaiting_brreg");
      const reason = "Kunden Tor Tvillingsen ville ikke";
      expect((await advanceCase(services, { reference: c.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: reason }, details: { reason } })).status).toBe("moved");
      clock = new Date(clock.getTime() + 366 * day);
      const outcomes = await Promise.all([retentionPassIfDue(services), retentionPassIfDue(services)]);
      // (the first test's recently cancelled case is due by now as well)
      expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
      expect(await freshCase(app, c.reference)).toMatchObject({ closedReason: erasedMarker, customerContactEmail: erasedMarker, stage: "cancelled" });
      const cancelled = await app.app.runtime.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:cancelled" } });
      expect(cancelled.details).toMatchObject({ reason: erasedMarker, from: "awaiting_brreg", to: "cancelled" });
    }, 60_000);
  });

  describe(`the scheduler's personal-data pass on ${backend}`, () => {
    let app: TestApp;
    let clock = t0;
    // Ticks every second: the app's own scheduler is what runs the pass here.
    useTestApp((f) => ({ app } = f), { ...env, SCHEDULER_POLL_MS: "1000", RETENTION_DAYS: "30" }, { now: () => clock, backend });

    it("erases a case closed RETENTION_DAYS ago by the app's clock, and not before", async () => {
      const c = await openTestCase(app, orderFor("Klokke", 5, "Klokke Kunde AS"), "U0OWNER");
      await previewWritten(app, c.id, "order");
      await moveTo(app, c.reference, "completed");
      // 29 days on: a few ticks later the case still has its contacts.
      clock = new Date(t0.getTime() + 29 * day);
      await until(async () => (await app.app.runtime.db.retentionPass.count({ where: { claimedAt: clock } })) > 0, "a pass at day 29");
      expect((await freshCase(app, c.reference)).customerContactEmail).toBe("ragnhild.klokke@kunde.no");
      clock = new Date(t0.getTime() + 31 * day);
      const erased = await until(async () => {
        const now = await freshCase(app, c.reference);
        return now.personalDataErasedAt ? now : null;
      }, "the scheduler's pass");
      expect(erased).toMatchObject({ personalDataErasedAt: clock, customerContactEmail: erasedMarker, stage: "completed" });
    }, 60_000);
  });
}
