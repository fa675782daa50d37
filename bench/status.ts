// Times the lookups behind `/delegering status` and the App Home tab with 100 and with
// 100,000 cases stored, and prints both times and their ratio. Not a test: figures only.
//   npm run bench                      embedded PGlite
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench
//                                      PostgreSQL as well (needs CREATEDB: it makes and drops
//                                      throwaway databases, never touches the one named)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { normalizeForSearch, parseStatusQuery } from "../src/domain/search.js";
import { findCaseByReference } from "../src/store/cases.js";
import { casesByCustomerOrgnr, casesByName, listOpenCases, openCaseCounts } from "../src/store/caseQueries.js";
import { openStore, type Store } from "../src/store/db.js";
import { liveCounts, liveDelegations, lostDelegations } from "../src/store/liveDelegations.js";
import { recentEvents } from "../src/store/events.js";

const sizes = [100, 100_000] as const;
const runs = 30;

// Names built from two word lists, so every word recurs (a search word matches many cases,
// as a common word such as "regnskap" would in real data) and "as" is in every name.
const firstWords = ["Nordlys", "Fjord", "Bølge", "Kyst", "Fjell", "Vidde", "Skog", "Elv", "Havørn", "Polar", "Midnatt", "Tind", "Brygge"];
const syllables = "bcdfghjklmnprstvwxyz".split("").flatMap((c) => "aeiou".split("").map((v) => c + v)); // 100, all distinct
const secondWords = ["Regnskap", "Revisjon", "Eiendom", "Finans", "Advokat", "Holding", "Invest", "Økonomi", "Forsikring", "Bank", "Megling"];

/** Stage of case g: about 12 % open, the rest closed, as in a team's history. */
const stageSql = `CASE
  WHEN g % 50 = 0 THEN 'customer_access_pending'
  WHEN g % 50 = 1 THEN 'order_pending'
  WHEN g % 50 IN (2, 3) THEN 'awaiting_brreg'
  WHEN g % 50 IN (4, 5) THEN 'awaiting_delegation'
  WHEN g % 50 < 40 THEN 'completed'
  WHEN g % 50 < 45 THEN 'verified'
  ELSE 'cancelled' END`;

export async function seed(store: Store, n: number): Promise<void> {
  const arr = (xs: string[]) => `(ARRAY[${xs.map((x) => `'${x}'`).join(",")}])`;
  // Four cases per customer at either size, so an orgnr lookup, or a search for the word that
  // is the customer's own (three syllables, all six letters long: no word is another's prefix),
  // answers the same number of cases with 100 or 100,000 stored.
  const customers = Math.max(1, Math.floor(n / 4));
  const syl = arr(syllables);
  const c = `(g % ${customers})`;
  const own = `initcap(${syl}[1 + ${c} % 100] || ${syl}[1 + (${c} / 100) % 100] || ${syl}[1 + (${c} / 10000) % 100])`;
  const name = `${own} || ' ' || ${arr(firstWords)}[1 + g % ${firstWords.length}] || ' ' || ${arr(secondWords)}[1 + (g / ${firstWords.length}) % ${secondWords.length}] || ' AS'`;
  await store.db.$executeRawUnsafe(`
    INSERT INTO "Case" ("id", "reference", "workspaceId", "environment", "stage", "stageChangedAt", "vendorOrgnr", "vendorName",
      "vendorContactName", "vendorContactEmail", "vendorContactPhone", "customerOrgnr", "customerName", "customerNameSearch",
      "customerContactName", "customerContactEmail", "customerContactPhone", "customerAccess", "ownerUserId", "createdAt", "updatedAt")
    SELECT g, 'DLG-' || g, 'T0BENCH', CASE WHEN g % 3 = 0 THEN 'production' ELSE 'tt02' END, ${stageSql},
      now() - (g % 2000) * interval '1 hour', '920012345', 'Leverandør AS', 'Kari Nordmann', 'kari@leverandor.no', '+4791234567',
      lpad((800000000 + g % ${customers})::text, 9, '0'), nm,
      -- what normalizeForSearch makes of these names (ASCII plus æøå)
      replace(translate(lower(nm), 'øå', 'oa'), 'æ', 'ae'),
      'Ola Nordmann', 'ola@kunde.no', '+4740000000', 'confirmed', 'U0OWNER' || (g % 20), now() - (g % 2000) * interval '1 hour', now()
    FROM (SELECT g, ${name} AS nm FROM generate_series(1, ${n}) g) s`);
  await store.db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Case"', 'id'), ${n})`);
  await store.db.$executeRawUnsafe(`
    INSERT INTO "CaseEvent" ("caseId", "kind", "actor", "at", "details")
    SELECT c.id, k.kind, 'U0OWNER1', c."createdAt" + k.i * interval '1 minute', '{}'
    FROM "Case" c, (VALUES (0, 'created'), (1, 'stage:order_pending'), (2, 'stage:awaiting_brreg')) AS k(i, kind)`);
  // The steady state of a live database, where autovacuum has run.
  await store.db.$executeRawUnsafe(`VACUUM ANALYZE`);
}

type Lookup = [label: string, run: () => Promise<unknown>];

function textOf(q: ReturnType<typeof parseStatusQuery>): string {
  if (q.kind !== "text") throw new Error(`not a name query: ${q.kind}`);
  return q.text;
}

/** The customer word the seed gives customer number i (see seed). */
function ownWord(i: number): string {
  return syllables[i % 100]! + syllables[Math.floor(i / 100) % 100]! + syllables[Math.floor(i / 10000) % 100]!;
}

function lookups(store: Store, n: number): Lookup[] {
  const db = store.db;
  const ref = parseStatusQuery(`DLG-${Math.floor(n / 2)}`);
  const org = parseStatusQuery("800 000 003");
  const own = textOf(parseStatusQuery(ownWord(3)));
  const common = textOf(parseStatusQuery("Nordlys"));
  const ownAndFirst = textOf(parseStatusQuery(`${ownWord(3)} kyst`));
  const two = textOf(parseStatusQuery("nordl regnsk"));
  if (ref.kind !== "reference" || org.kind !== "orgnr") throw new Error("query forms");
  return [
    [
      "status by reference (+10 events)",
      async () => {
        const c = await findCaseByReference(db, ref.reference);
        if (!c) throw new Error(`no ${ref.reference}`);
        await recentEvents(db, c.id);
      },
    ],
    ["status by orgnr (4 cases)", () => casesByCustomerOrgnr(db, org.orgnr, 20)],
    [`status by name "${ownWord(3)}" (4 cases)`, () => casesByName(db, own, 20)],
    ['status by name "nordlys" (1 in 13; 20 shown)', () => casesByName(db, common, 20)],
    [`status by name "${ownWord(3)} kyst" (1 case)`, () => casesByName(db, ownAndFirst, 20)],
    // Two common words: the answer grows with the cases stored (0-1 of 100, 20 shown of ~700 of 100,000).
    ['status by name "nordl regnsk" (1 in 143)', () => casesByName(db, two, 20)],
    ["status by name, no match", () => casesByName(db, normalizeForSearch("Zzyzx"), 20)],
    [
      "Home view queries",
      async () => {
        await listOpenCases(db, { scope: "mine", userId: "U0OWNER1", pageSize: 10 });
        await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 30 });
        await openCaseCounts(db, 500);
        await liveCounts(db, 500);
        await lostDelegations(db, 10);
      },
    ],
    // The delegations the vendor depends on, lost first: most of the seeded cases are verified.
    ["aktive (60 of the verified)", () => liveDelegations(db, 60)],
    [
      "liste, pages 1 and 2",
      async () => {
        const first = await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 40 });
        await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 40, after: first.next });
      },
    ],
    // For comparison only: the unindexed substring search the token table replaces.
    ["(not used: LIKE '%zzyzx%' scan)", () => db.$queryRaw`SELECT * FROM "Case" WHERE "customerNameSearch" LIKE '%zzyzx%' LIMIT 21`],
  ];
}

/**
 * Median of `runs` timings per lookup, the two sizes sampled alternately so that load from
 * other processes on the machine falls on both alike.
 */
async function measure(small: Lookup[], large: Lookup[]): Promise<Array<{ label: string; small: number; large: number }>> {
  const out = [];
  for (let k = 0; k < small.length; k++) {
    const [label, runSmall] = small[k]!;
    const [, runLarge] = large[k]!;
    for (let i = 0; i < 15; i++) {
      await runSmall(); // warm the JIT and the caches first
      await runLarge();
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await runSmall();
      a.push(performance.now() - t);
      t = performance.now();
      await runLarge();
      b.push(performance.now() - t);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    out.push({ label, small: median(a), large: median(b) });
  }
  return out;
}

async function withPglite<T>(fn: (s: Store) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "delegering-bench-"));
  const store = await openStore({ dataDir: dir });
  try {
    return await fn(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(adminUrl: string, n: number, fn: (s: Store) => Promise<T>): Promise<T> {
  const name = `delegering_bench_${n}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: u.toString(), dataDir: tmpdir() });
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function print(label: string, rows: Array<{ label: string; small: number; large: number }>): void {
  console.log(`\n${label}: median of ${runs} runs, milliseconds`);
  console.table(
    rows.map((r) => ({
      lookup: r.label,
      [`${sizes[0]} cases`]: r.small.toFixed(2),
      [`${sizes[1]} cases`]: r.large.toFixed(2),
      ratio: (r.large / r.small).toFixed(2),
    })),
  );
}

async function seeded(store: Store, n: number): Promise<Lookup[]> {
  const t = performance.now();
  await seed(store, n);
  console.log(`  ${store.kind}: seeded ${n} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const found = await casesByName(store.db, normalizeForSearch(ownWord(3)), 20);
  if (found.cases.length !== 4) throw new Error(`the seed is off: "${ownWord(3)}" finds ${found.cases.length} cases, not 4`);
  const one = await casesByName(store.db, normalizeForSearch(`${ownWord(3)} kyst`), 20);
  if (one.cases.length !== 1) throw new Error(`the seed is off: "${ownWord(3)} kyst" finds ${one.cases.length} cases, not 1`);
  return lookups(store, n);
}

export async function benchStatus(): Promise<void> {
  console.log("status and Home lookups: 100 against 100,000 cases (12 % of them open)");
  await withPglite((small) =>
    withPglite(async (large) => print("PGlite (embedded)", await measure(await seeded(small, sizes[0]), await seeded(large, sizes[1])))),
  );
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    await withPostgres(url, sizes[0], (small) =>
      withPostgres(url, sizes[1], async (large) => print("PostgreSQL", await measure(await seeded(small, sizes[0]), await seeded(large, sizes[1])))),
    );
  } else {
    console.log("\n(set BENCH_DATABASE_URL to a PostgreSQL admin URL to measure PostgreSQL too)");
  }
}
