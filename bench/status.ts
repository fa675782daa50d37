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
import { openStages } from "../src/domain/stages.js";
import { findCase } from "../src/store/cases.js";
import { casesByCustomerOrgnr, casesByName, listOpenCases, openCaseCounts } from "../src/store/caseQueries.js";
import { openStore, type Store } from "../src/store/db.js";
import { recentEvents } from "../src/store/events.js";

const sizes = [100, 100_000] as const;
const runs = 30;

// Names built from two word lists, so every word recurs (a search word matches many cases,
// as a common word such as "regnskap" would in real data) and "as" is in every name.
const firstWords = ["Nordlys", "Fjord", "Bølge", "Kyst", "Fjell", "Vidde", "Skog", "Elv", "Havørn", "Polar", "Midnatt", "Tind", "Brygge"];
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

async function seed(store: Store, n: number): Promise<void> {
  const arr = (xs: string[]) => `(ARRAY[${xs.map((x) => `'${x}'`).join(",")}])`;
  const name = `${arr(firstWords)}[1 + g % ${firstWords.length}] || ' ' || ${arr(secondWords)}[1 + (g / ${firstWords.length}) % ${secondWords.length}] || ' ' || g || ' AS'`;
  // Four cases per customer at either size, so an orgnr lookup answers the same amount.
  const customers = Math.max(1, Math.floor(n / 4));
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
  await store.db.$executeRawUnsafe(`ANALYZE`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 15; i++) await fn(); // warm the JIT and the caches first
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

type Timings = Record<string, number>;

async function measure(store: Store, n: number): Promise<Timings> {
  const db = store.db;
  const ref = parseStatusQuery(`DLG-${Math.floor(n / 2)}`);
  const org = parseStatusQuery("800 000 003");
  const name = parseStatusQuery("Nordlys");
  const two = parseStatusQuery("nordl regnsk");
  if (ref.kind !== "reference" || org.kind !== "orgnr" || name.kind !== "text" || two.kind !== "text") throw new Error("query forms");
  const status = async () => {
    const c = await findCase(db, ref.reference);
    if (!c) throw new Error(`no ${ref.reference}`);
    await recentEvents(db, c.id);
  };
  const out: Timings = {
    "status by reference (+10 events)": await time(status),
    "status by orgnr": await time(() => casesByCustomerOrgnr(db, org.orgnr, 20)),
    "status by name (one word)": await time(() => casesByName(db, name.text, 20)),
    "status by name (two word prefixes)": await time(() => casesByName(db, two.text, 20)),
    "status by name (no match)": await time(() => casesByName(db, normalizeForSearch("Zzyzx"), 20)),
    "Home view queries": await time(async () => {
      await listOpenCases(db, { scope: "mine", userId: "U0OWNER1", pageSize: 10 });
      await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 30 });
      await openCaseCounts(db, 500);
    }),
    "liste, page 2": await time(async () => {
      const first = await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 40 });
      await listOpenCases(db, { scope: "alle", userId: "U0OWNER1", pageSize: 40, after: first.next });
    }),
  };
  // For comparison only: what an unindexed substring search costs (the app does not use it).
  out["(naive ILIKE '%nordlys%' scan)"] = await time(() =>
    db.$queryRaw`SELECT * FROM "Case" WHERE "customerNameSearch" LIKE '%nordlys%' LIMIT 21`,
  );
  out["(naive ILIKE '%zzyzx%' scan, no match)"] = await time(() =>
    db.$queryRaw`SELECT * FROM "Case" WHERE "customerNameSearch" LIKE '%zzyzx%' LIMIT 21`,
  );
  const found = await casesByName(db, name.text, 20);
  if (found.cases.length === 0) throw new Error("the name search found nothing: seeding is wrong");
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

function print(label: string, small: Timings, large: Timings): void {
  console.log(`\n${label}: median of ${runs} runs, milliseconds`);
  const rows = Object.keys(small).map((k) => ({
    lookup: k,
    [`${sizes[0]} cases`]: small[k]!.toFixed(2),
    [`${sizes[1]} cases`]: large[k]!.toFixed(2),
    ratio: (large[k]! / small[k]!).toFixed(2),
  }));
  console.table(rows);
}

export async function benchStatus(): Promise<void> {
  console.log(`status and Home lookups (open stages: ${openStages.join(", ")})`);
  const run = (store: Store, n: number) =>
    (async () => {
      const t = performance.now();
      await seed(store, n);
      console.log(`  ${store.kind}: seeded ${n} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      return measure(store, n);
    })();
  const pgSmall = await withPglite((s) => run(s, sizes[0]));
  const pgLarge = await withPglite((s) => run(s, sizes[1]));
  print("PGlite (embedded)", pgSmall, pgLarge);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const small = await withPostgres(url, sizes[0], (s) => run(s, sizes[0]));
    const large = await withPostgres(url, sizes[1], (s) => run(s, sizes[1]));
    print("PostgreSQL", small, large);
  } else {
    console.log("\n(set BENCH_DATABASE_URL to a PostgreSQL admin URL to measure PostgreSQL too)");
  }
}
