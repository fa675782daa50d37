// The limits against hostile input (issue 17), in figures. Not a test: it prints numbers only.
//   npx tsx bench/limits.ts             embedded PGlite (also part of `npm run bench`)
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/limits.ts
//                                       PostgreSQL as well (makes and drops throwaway databases)
// 1. The name search's time by the number of words typed: status takes at most 5.
// 2. /metrics' outbox counts with 100 and 100,000 emails stored: the tally against the GROUP BY
//    over every row that it replaces.
// 3. A statement over the statement timeout: how long until it is cancelled (PostgreSQL) or
//    ends by itself (PGlite, which cannot cancel).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { maxStatusWords, parseStatusQuery } from "../src/domain/search.js";
import { casesByName } from "../src/store/caseQueries.js";
import { openStore, type Store } from "../src/store/db.js";
import { outboxCountsByStatus } from "../src/store/metrics.js";
import { seed } from "./status.js";

const wordCounts = [1, 2, maxStatusWords, 10, 20, 40, 80];
const outboxSizes = [100, 100_000] as const;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function timeIt(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm the JIT and the caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Name search with k words: the first a common word of the seed's names, the others the prefixes a person might type. */
async function searchByWords(store: Store): Promise<void> {
  await seed(store, 1000);
  const rows = [];
  for (const k of wordCounts) {
    const words = ["nordlys", ...Array.from({ length: k - 1 }, (_, i) => `a${i}`)].join(" ");
    const ms = await timeIt(k >= 40 ? 3 : 7, () => casesByName(store.db, words, 20));
    rows.push({ words: k, "casesByName, ms": ms.toFixed(2), "status takes it": k <= maxStatusWords ? "yes" : "no (refused)" });
  }
  console.log(`\n${store.kind}: name search with 1,000 cases by words typed (median)`);
  console.table(rows);
  const words300 = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ");
  const t = performance.now();
  for (let i = 0; i < 1000; i++) parseStatusQuery(words300);
  console.log(`  parseStatusQuery refuses 300 words (${words300.length} characters) in ${((performance.now() - t) / 1000).toFixed(3)} ms`);
}

/** One outbox row per seeded case, nine in ten sent, as in a team's history; each with an order email's size of body. */
async function seedOutbox(store: Store): Promise<void> {
  await store.db.$executeRawUnsafe(`
    INSERT INTO "OutboxMessage" ("caseId", "kind", "messageId", "fromAddress", "toAddresses", "ccAddresses", "subject", "textBody", "htmlBody", "status", "updatedAt")
    SELECT id, 'order', '<bench-' || id || '@delegering>', 'delegering@leverandor.no', ARRAY['opendata@brreg.no'], ARRAY[]::text[],
      '[DLG-' || id || '] Bestilling', repeat('Bestilling av tilgang. ', 80), repeat('<p>Bestilling av tilgang.</p> ', 80),
      CASE WHEN id % 10 = 0 THEN 'cancelled' WHEN id % 97 = 0 THEN 'failed' WHEN id % 1000 = 1 THEN 'queued' ELSE 'sent' END, now()
    FROM "Case"`);
  await store.db.$executeRawUnsafe(`VACUUM ANALYZE`);
}

async function metricsBySize(open: () => Promise<{ store: Store; done: () => Promise<void> }>, kind: string): Promise<void> {
  const rows = [];
  for (const n of outboxSizes) {
    const { store, done } = await open();
    try {
      await seed(store, n);
      await seedOutbox(store);
      const t = performance.now();
      await outboxCountsByStatus(store.db);
      const firstFold = performance.now() - t;
      // The steady state: a table of a few rows. The seeding's 100,000 changes at once left it
      // 100,000 rows long, and a plain VACUUM cannot give back the pages before the folded rows.
      await store.db.$executeRawUnsafe(`VACUUM FULL "OutboxStatusTally"`);
      const unchanged = await timeIt(31, () => outboxCountsByStatus(store.db));
      const afterChange: number[] = [];
      for (let i = 0; i < 31; i++) {
        const status = i % 2 ? "sent" : "failed";
        await store.db.$executeRaw`UPDATE "OutboxMessage" SET "status" = ${status} WHERE "id" = (SELECT min("id") FROM "OutboxMessage")`;
        const at = performance.now();
        await outboxCountsByStatus(store.db);
        afterChange.push(performance.now() - at);
      }
      const groupBy = await timeIt(31, () => store.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }));
      rows.push({
        "emails stored": n,
        "tally, no change since, ms": unchanged.toFixed(2),
        "tally, a change since, ms": median(afterChange).toFixed(2),
        "scrape after 100 / 100,000 changes at once (seeding), ms": firstFold.toFixed(1),
        "GROUP BY every row (before), ms": groupBy.toFixed(2),
      });
    } finally {
      await done();
    }
  }
  console.log(`\n${kind}: /metrics outbox counts (median of 31)`);
  console.table(rows);
}

async function cancelTime(store: Store, capMs: number): Promise<void> {
  const t = performance.now();
  const outcome = await store.db.$queryRaw`SELECT true AS done FROM pg_sleep(3)`.then(
    () => "ran to its end",
    (error: unknown) => (/statement timeout/.test(String(error)) ? "cancelled" : `failed: ${String(error)}`),
  );
  console.log(`\n${store.kind}: SELECT pg_sleep(3) with a ${capMs} ms statement timeout: ${outcome} after ${(performance.now() - t).toFixed(0)} ms`);
}

async function pgliteStore(statementTimeoutMs?: number) {
  const dir = await mkdtemp(join(tmpdir(), "delegering-bench-"));
  const store = await openStore({ dataDir: dir, statementTimeoutMs });
  return {
    store,
    done: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let dbSeq = 0;
async function postgresStore(adminUrl: string, statementTimeoutMs?: number) {
  const name = `delegering_bench_limits_${process.pid}_${++dbSeq}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: u.toString(), dataDir: tmpdir(), statementTimeoutMs });
  return {
    store,
    done: async () => {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function benchLimits(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const engines: Array<[string, (timeout?: number) => ReturnType<typeof pgliteStore>]> = [["PGlite (embedded)", pgliteStore]];
  if (url) engines.push(["PostgreSQL", (timeout) => postgresStore(url, timeout)]);
  else console.log("(set BENCH_DATABASE_URL to a PostgreSQL admin URL to measure PostgreSQL too)");
  for (const [kind, open] of engines) {
    const words = await open();
    try {
      await searchByWords(words.store);
    } finally {
      await words.done();
    }
    await metricsBySize(() => open(), kind);
    const capped = await open(1000);
    try {
      await cancelTime(capped.store, 1000);
    } finally {
      await capped.done();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchLimits();
