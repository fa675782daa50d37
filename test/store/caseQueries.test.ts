import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameWords, normalizeForSearch } from "../../src/domain/search.js";
import { casesByCustomerOrgnr, casesByName, listOpenCases, openCaseCounts } from "../../src/store/caseQueries.js";
import type { Store } from "../../src/store/db.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";

let seq = 0;
async function addCase(db: Store["db"], name: string, extra: { stage?: string; at?: Date; owner?: string; orgnr?: string } = {}) {
  const n = ++seq;
  return db.case.create({
    data: {
      reference: `DLG-${n}`,
      workspaceId: "T0TEST",
      environment: "tt02",
      stage: extra.stage ?? "awaiting_brreg",
      stageChangedAt: extra.at ?? new Date(Date.UTC(2026, 0, 1, 0, n)),
      vendorOrgnr: "920012345",
      vendorName: "Leverandør AS",
      vendorContactName: "Kari",
      vendorContactEmail: "kari@leverandor.no",
      vendorContactPhone: "+4791234567",
      customerOrgnr: extra.orgnr ?? "812345672",
      customerName: name,
      customerNameSearch: normalizeForSearch(name),
      customerContactName: "Ola",
      customerContactEmail: "ola@kunde.no",
      customerContactPhone: "+4740000000",
      customerAccess: "confirmed",
      ownerUserId: extra.owner ?? "U0ALICE",
    },
  });
}

describe.each(backends())("case queries on %s", (backend) => {
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

  it("the trigger splits names into the same words as the query does", async () => {
    const names = ["Nord-Norge Revisjon & Sønn AS", "Ærlig.Øko_100%/2 (Bergen) A/S", "  Åsane   Bygg-og-Anlegg ", "Café Zoë — Über GmbH"];
    for (const name of names) {
      const c = await addCase(store.db, name);
      const tokens = await store.db.caseNameToken.findMany({ where: { caseId: c.id } });
      expect(tokens.map((t) => t.token).sort(), name).toEqual([...new Set(nameWords(normalizeForSearch(name)))].sort());
    }
  });

  it("keeps the words in step when a name changes, and drops them with the case", async () => {
    const c = await addCase(store.db, "Gammelt Navn AS");
    await store.db.case.update({ where: { id: c.id }, data: { customerName: "Nytt Firma AS", customerNameSearch: normalizeForSearch("Nytt Firma AS") } });
    expect((await casesByName(store.db, "gammelt", 5)).cases).toHaveLength(0);
    expect((await casesByName(store.db, "nytt firma", 5)).cases.map((x) => x.id)).toEqual([c.id]);
    await store.db.case.delete({ where: { id: c.id } });
    expect(await store.db.caseNameToken.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("matches word prefixes and every typed word; % and _ are no wildcards", async () => {
    const pct = await addCase(store.db, "Hundre 100% Sikker AS");
    const under = await addCase(store.db, "Snake_Case Data AS");
    await addCase(store.db, "Snakeoil Data AS");
    // Punctuation separates words, in names and in queries alike: "%" and "_" are never wildcards.
    expect((await casesByName(store.db, "hundre 100%", 5)).cases.map((x) => x.id)).toEqual([pct.id]);
    expect((await casesByName(store.db, "%", 5)).cases).toHaveLength(0);
    expect((await casesByName(store.db, "_", 5)).cases).toHaveLength(0);
    expect((await casesByName(store.db, "snake_case", 5)).cases.map((x) => x.id)).toEqual([under.id]);
    expect((await casesByName(store.db, "snake data", 5)).cases).toHaveLength(2);
    expect((await casesByName(store.db, "snake sikker", 5)).cases).toHaveLength(0);
    expect((await casesByName(store.db, "", 5)).cases).toHaveLength(0);
  });

  it("counts a case once when two of its words match, and says when there are more than the limit", async () => {
    const c = await addCase(store.db, "Berg Bergen Bergverk AS");
    expect((await casesByName(store.db, "berg", 5)).cases.filter((x) => x.id === c.id)).toHaveLength(1);
    const many = [];
    for (let i = 0; i < 4; i++) many.push(await addCase(store.db, `Fleretreff ${i} AS`));
    expect(await casesByName(store.db, "fleretreff", 3)).toMatchObject({ more: true });
    // The newest three, newest first.
    expect((await casesByName(store.db, "fleretreff", 3)).cases.map((x) => x.id)).toEqual(many.slice(1).map((x) => x.id).reverse());
    expect(await casesByName(store.db, "fleretreff", 4)).toMatchObject({ more: false });
    await addCase(store.db, "Orgnr Test AS", { orgnr: "974760673" });
    expect((await casesByCustomerOrgnr(store.db, "974760673", 5)).cases).toHaveLength(1);
  });

  it("pages open cases by stage, then age, then id, without losing or repeating a case on ties", async () => {
    const tie = new Date(Date.UTC(2027, 0, 1));
    const made = [];
    for (const stage of ["awaiting_delegation", "customer_access_pending", "order_pending"]) {
      for (let i = 0; i < 3; i++) made.push(await addCase(store.db, `Side ${stage} ${i}`, { stage, at: tie, owner: "U0PAGES" }));
    }
    await addCase(store.db, "Ferdig AS", { stage: "completed", owner: "U0PAGES" });
    const seen: number[] = [];
    let after;
    for (let page = 0; page < 10; page++) {
      const p = await listOpenCases(store.db, { scope: "mine", userId: "U0PAGES", pageSize: 2, after });
      seen.push(...p.cases.map((c) => c.id));
      if (!p.next) break;
      after = p.next;
    }
    const order = ["customer_access_pending", "order_pending", "awaiting_delegation"];
    const expected = [...made].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || a.id - b.id).map((c) => c.id);
    expect(seen).toEqual(expected);
    const waiting = await listOpenCases(store.db, { scope: "venter", userId: "x", pageSize: 100 });
    expect(waiting.cases.some((c) => c.stage === "order_pending")).toBe(false);
  });

  it("counts open cases per stage up to the cap", async () => {
    const counts = await openCaseCounts(store.db, 1000);
    const exact = await store.db.case.groupBy({ by: ["stage"], _count: true });
    for (const row of exact) if (row.stage in counts) expect(counts[row.stage as keyof typeof counts]).toBe(row._count);
    const capped = await openCaseCounts(store.db, 2);
    expect(capped.awaiting_brreg).toBe(2);
  });
});
