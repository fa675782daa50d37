import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Order } from "../../src/domain/order.js";
import { createCase, moveCase } from "../../src/service/cases.js";
import { retryFailedMail } from "../../src/service/followThrough.js";
import { testRuntime, testServices } from "../support/runtime.js";
import type { Store } from "../../src/store/db.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";


const order = (access: "confirmed" | "pending"): Order => ({
  environment: "tt02",
  vendor_orgnr: "920012345",
  vendor_name: "FJORDDATA SYSTEMER AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "kari@fjorddata.no",
  vendor_contact_phone: "+4791234567",
  customer_orgnr: "812345672",
  customer_name: "Nordlys Regnskap og Revisjon AS",
  customer_contact_name: "Ola Hansen",
  customer_contact_email: "ola@nordlys.no",
  customer_contact_phone: "+4740000000",
  customer_access: access,
});

// Monday 23 November 2026, 10:00 Oslo
const now = new Date("2026-11-23T09:00:00Z");

describe.each(backends())("cases on %s", (backend) => {
  let tdb: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    tdb = await freshDatabase(backend);
    store = await tdb.open();
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it("creates DLG-<n> with its event, first reminder and, with access confirmed, the order email", async () => {
    const { case: c, created } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-1" });
    expect(created).toBe(true);
    expect(c.reference).toBe(`DLG-${c.id}`);
    expect(c.stage).toBe("order_pending");
    expect((await store.db.case.findUniqueOrThrow({ where: { id: c.id } })).customerNameSearch).toBe("nordlys regnskap og revisjon as");
    const outbox = await store.db.outboxMessage.findMany({ where: { caseId: c.id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.messageId).toBe(c.orderMessageId);
    expect(outbox[0]!.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang – Nordlys Regnskap og Revisjon AS (812345672) – TT02`);
    expect(outbox[0]!.ccAddresses).toEqual(["kari@fjorddata.no"]);
    const events = await store.db.caseEvent.findMany({ where: { caseId: c.id } });
    expect(events.map((e) => e.kind)).toEqual(["created"]);
    // order_pending is chased only if the email is still not out a working day later (Tuesday 09:00 Oslo)
    const reminders = await store.db.reminder.findMany({ where: { caseId: c.id } });
    expect(reminders.map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([["order_pending", "2026-11-24T08:00:00.000Z"]]);
  });

  it("makes one case of the same submission, also when both deliveries race", async () => {
    const input = { order: order("pending"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-race" };
    const results = await Promise.all([createCase(testRuntime(store.db, now), input), createCase(testRuntime(store.db, now), input)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].case.id).toBe(results[1].case.id);
    expect(await store.db.case.count({ where: { creationKey: "view-race" } })).toBe(1);
  });

  it("schedules the first reminder of a waiting stage in working days, and a move cancels it", async () => {
    const { case: c } = await createCase(testRuntime(store.db, now), { order: order("pending"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-2" });
    const [reminder] = await store.db.reminder.findMany({ where: { caseId: c.id } });
    // Monday + 3 working days = Thursday 26 November, 09:00 Oslo (08:00 UTC)
    expect(reminder!.dueAt.toISOString()).toBe("2026-11-26T08:00:00.000Z");
    expect(reminder!.kind).toBe("customer_access_pending");

    const later = new Date("2026-11-24T09:00:00Z");
    const moved = await moveCase(testRuntime(store.db, later), { reference: c.reference, to: "order_pending", actor: "U2", from: "customer_access_pending" });
    expect(moved.status).toBe("moved");
    const reminders = await store.db.reminder.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    expect(reminders.map((r) => [r.kind, r.outcome])).toEqual([
      ["customer_access_pending", "cancelled"],
      ["order_pending", null],
    ]);
    expect(await store.db.outboxMessage.count({ where: { caseId: c.id, kind: "order" } })).toBe(1);
    const event = await store.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:order_pending" } });
    expect(event.actor).toBe("U2");
    expect(event.details).toMatchObject({ from: "customer_access_pending", to: "order_pending" });
  });

  it("refuses skipped and stale moves and changes nothing", async () => {
    const { case: c } = await createCase(testRuntime(store.db, now), { order: order("pending"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-3" });
    expect((await moveCase(testRuntime(store.db, now), { reference: c.reference, to: "completed", actor: "U1" })).status).toBe("stale");
    expect((await moveCase(testRuntime(store.db, now), { reference: c.reference, to: "awaiting_delegation", actor: "U1", from: "awaiting_brreg" })).status).toBe("stale");
    expect((await moveCase(testRuntime(store.db, now), { reference: "DLG-99999", to: "cancelled", actor: "U1" })).status).toBe("not_found");
    const after = await store.db.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.stage).toBe("customer_access_pending");
    expect(await store.db.caseEvent.count({ where: { caseId: c.id } })).toBe(1);
  });

  it("lets only one of two concurrent clicks move the case", async () => {
    const { case: c } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-4" });
    const results = await Promise.all(
      ["U1", "U2", "U3"].map((actor) => moveCase(testRuntime(store.db, now), { reference: c.reference, to: "cancelled", actor, set: { closedReason: "test" } })),
    );
    expect(results.filter((r) => r.status === "moved")).toHaveLength(1);
    expect(await store.db.caseEvent.count({ where: { caseId: c.id, kind: "stage:cancelled" } })).toBe(1);
    const outbox = await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(outbox.status).toBe("cancelled");
  });

  it("opens a fictitious-customer case in TT02 with no customer, its order queued at once, and keeps it from waiting for a delegation before its company is confirmed", async () => {
    const { customer_orgnr: _o, customer_name: _n, customer_contact_name: _cn, customer_contact_email: _ce, customer_contact_phone: _cp, customer_access: _a, ...vendor } = order("confirmed");
    const rt = testRuntime(store.db, now);
    const { case: c } = await createCase(rt, { order: { ...vendor, route: "fictitious", environment: "tt02" }, workspaceId: "T1", ownerUserId: "U1", creationKey: "view-fictitious" });
    expect(c).toMatchObject({ route: "fictitious", environment: "tt02", stage: "order_pending", customerOrgnr: "", customerName: "", customerContactEmail: "", fictitiousOrgnr: null });
    const outbox = await store.db.outboxMessage.findFirstOrThrow({ where: { caseId: c.id } });
    expect(outbox.subject).toBe(`[${c.reference}] Bestilling av delegert tilgang via fiktiv virksomhet – FJORDDATA SYSTEMER AS (920012345) – TT02`);
    const created = await store.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "created" } });
    expect(created.details).toEqual({ stage: "order_pending", environment: "tt02", route: "fictitious" });

    await moveCase(rt, { reference: c.reference, to: "awaiting_brreg", actor: "mail" });
    expect((await moveCase(rt, { reference: c.reference, to: "awaiting_delegation", actor: "U1" })).status).toBe("stale");
    const moved = await moveCase(rt, { reference: c.reference, to: "awaiting_delegation", actor: "U1", set: { fictitiousOrgnr: "310964719", fictitiousScope: "brreg:reelle/offentlig" } });
    expect(moved.status === "moved" && moved.case).toMatchObject({ stage: "awaiting_delegation", fictitiousOrgnr: "310964719", fictitiousScope: "brreg:reelle/offentlig" });
  });

  it("reads a case stored before the routes as delegated from an existing customer", async () => {
    const { case: c } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "view-route-default" });
    const [row] = await store.db.$queryRaw<Array<{ route: string }>>`SELECT route FROM "Case" WHERE id = ${c.id}`;
    expect(row!.route).toBe("existing");
    expect(c.route).toBe("existing");
  });
});

describe("the outbox and the case's thread", () => {
  it("claims a new case's order at once, whether or not Slack has its root message yet", async () => {
    const { claimDue } = await import("../../src/store/outbox.js");
    const tdb = await freshDatabase("pglite");
    const store = await tdb.open();
    try {
      const { case: a } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "thread-a" });
      const { case: b } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "thread-b" });
      expect(a.threadTs).toBeNull();
      expect((await claimDue(store.db, now, 600_000, 10)).map((r) => r.caseId)).toEqual([a.id, b.id]);
    } finally {
      await store.close();
      await tdb.drop();
    }
  });
});

describe("a person's retry of a failed email", () => {
  it("starts a new series: the backoff and the give-up window count from the retry", async () => {
    const { claimDue, currentSeries } = await import("../../src/store/outbox.js");
    const { setThread } = await import("../../src/store/cases.js");
    const { nextAttempt } = await import("../../src/domain/backoff.js");
    const tdb = await freshDatabase("pglite");
    const store = await tdb.open();
    try {
      const { case: c } = await createCase(testRuntime(store.db, now), { order: order("confirmed"), workspaceId: "T1", ownerUserId: "U1", creationKey: "retry-series" });
      await setThread(store.db, c.id, "C0CASES01", "1700000000.000009");
      await store.db.outboxMessage.updateMany({ where: { caseId: c.id }, data: { status: "failed", attempts: 7 } });
      const retryAt = new Date(now.getTime() + 3 * 3_600_000);
      expect(await retryFailedMail(testServices(testRuntime(store.db, retryAt)), c.reference, "U2")).toBe(1);
      const [row] = await claimDue(store.db, retryAt, 600_000, 10);
      expect(row!.attempts).toBe(8);
      const series = await currentSeries(store.db, row!);
      expect(series).toEqual({ since: retryAt, earlierAttempts: 7 });
      // the first failure after the retry waits the minimum, not the hour the 8th attempt would
      const policy = { retryMinSeconds: 60, retryMaxSeconds: 3600, giveUpHours: 24 };
      expect(nextAttempt(retryAt, series.since, row!.attempts - series.earlierAttempts, policy)!.getTime() - retryAt.getTime()).toBe(60_000);
    } finally {
      await store.close();
      await tdb.drop();
    }
  });
});
