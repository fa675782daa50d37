import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/db.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";

const capMs = 300;

describe.each(backends())("statement timeout on %s", (backend) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    tdb = await freshDatabase(backend);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, migrate: false, statementTimeoutMs: capMs });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it("is set on the app's connection", async () => {
    // Several at once, so the pool (PostgreSQL) opens more than one connection: each has it.
    const rows = await Promise.all(Array.from({ length: 4 }, () => store.db.$queryRaw<Array<{ statement_timeout: string }>>`SELECT current_setting('statement_timeout') AS statement_timeout FROM pg_sleep(0.05)`));
    expect(rows.map((r) => r[0]?.statement_timeout)).toEqual(Array(4).fill(`${capMs}ms`));
  });

  it.runIf(backend === "postgresql")("cancels a statement over the cap, alone or in a transaction, and the next ones run", async () => {
    await expect(store.db.$queryRaw`SELECT true AS done FROM pg_sleep(3)`).rejects.toThrow(/statement timeout/);
    await expect(
      store.db.$transaction(async (tx) => {
        await tx.vendorProfile.create({ data: { workspaceId: "T0TIMEOUT", orgnr: "920012345", name: "Lever AS", contactName: "Kari", contactEmail: "kari@lever.no", contactPhone: "+4791234567" } });
        await tx.$queryRaw`SELECT true AS done FROM pg_sleep(3)`;
      }),
    ).rejects.toThrow(/statement timeout/);
    expect(await store.db.vendorProfile.count({ where: { workspaceId: "T0TIMEOUT" } })).toBe(0);
    expect(await store.db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    expect(await store.ping()).toBe(true);
  });

  // PGlite runs the statement synchronously on the event loop, and its timers are JavaScript
  // timeouts that cannot fire until it returns: the statement runs to its end. This pins down
  // that limitation (src/store/db.ts); when PGlite learns to cancel, this fails and the comment
  // there and in the README is to be changed.
  it.runIf(backend === "pglite")("cannot cancel: a statement over the cap runs to its end, and the next ones run", async () => {
    expect(await store.db.$queryRaw<Array<{ done: boolean }>>`SELECT true AS done FROM pg_sleep(${(capMs * 2) / 1000})`).toEqual([{ done: true }]);
    expect(await store.db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("counts each statement, not the transaction: a transaction longer than the cap, made of short statements, commits", async () => {
    const before = await store.db.case.count();
    await store.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise((resolve) => setTimeout(resolve, capMs * 2));
        await tx.$queryRaw`SELECT count(*) FROM "Case"`;
      },
      { timeout: 10_000 },
    );
    expect(await store.db.case.count()).toBe(before);
  });
});
