import { mkdir } from "node:fs/promises";
// Each engine's modules are loaded by the branch that uses it: a PostgreSQL deployment never
// loads PGlite, the embedded default never loads pg. Types only, up here.
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "../generated/prisma/client.js";
import { within } from "../within.js";
import { migrate, type SqlConnection } from "./migrator.js";

export type Db = PrismaClient;

export interface Store {
  readonly db: Db;
  readonly kind: "pglite" | "postgresql";
  /** migrations this open applied (empty when the schema was already current) */
  readonly applied: readonly string[];
  /** true when a trivial query answers */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** skip migrations (tests that share an already migrated database) */
  migrate?: boolean;
  /**
   * Every statement of the returned client is cancelled past this (PostgreSQL's
   * statement_timeout); the migrations run before it is set. Unset: no cap.
   */
  statementTimeoutMs?: number | undefined;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const runMigrations = options.migrate ?? true;
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, runMigrations, options.statementTimeoutMs)
    : openPglite(options.dataDir, runMigrations, options.statementTimeoutMs);
}

/**
 * PostgreSQL's buffer cache inside PGlite. PGlite writes over the whole cache at start, so its
 * size is resident memory from the first second: initdb's 128 MB default was some 130 MiB of the
 * embedded engine's ~290 MiB. With 16 MB the status and Home lookups of `npm run bench` still
 * take milliseconds at 100,000 cases; the data on disk is unchanged by it.
 */
export const pgliteSharedBuffers = "16MB";

/**
 * A WAL segment the embedded engine no longer needs is deleted, not renamed for reuse: a reused
 * segment keeps the rows it logged (names, addresses) until it happens to be overwritten, so the
 * retention pass could never say they are gone from DATA_DIR (src/store/retention.ts).
 */
export const pgliteWalRecycle = "off";

async function openPglite(dataDir: string, runMigrations: boolean, statementTimeoutMs: number | undefined): Promise<Store> {
  // The database holds names and addresses: only the app's own user may enter (see src/dataDir.ts).
  await mkdir(`${dataDir}/pgdata`, { recursive: true, mode: 0o700 });
  const [{ PGlite: Engine }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  const pglite: PGlite = new Engine(`${dataDir}/pgdata`, {
    startParams: [...Engine.defaultStartParams, "-c", `shared_buffers=${pgliteSharedBuffers}`, "-c", `wal_recycle=${pgliteWalRecycle}`],
  });
  await pglite.waitReady;
  let applied: string[] = [];
  if (runMigrations) {
    ({ applied } = await migrate({
      query: async (sql, params) => pglite.query(sql, params),
      exec: async (sql) => {
        await pglite.exec(sql);
      },
    }));
  }
  // Set for the session the app's client shares, but PGlite's WebAssembly build does not honour
  // it: its timers are JavaScript timeouts, which cannot fire while the engine runs a statement
  // synchronously on the event loop, so a slow statement runs to its end (test/store/
  // statementTimeout.test.ts shows it). What protects the embedded engine is that no input
  // makes a query slow (the word cap of src/domain/search.ts); it is set all the same, so
  // SHOW statement_timeout agrees with PostgreSQL and a PGlite that can cancel will.
  if (statementTimeoutMs !== undefined) await pglite.exec(`SET statement_timeout = ${Math.floor(statementTimeoutMs)}`);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    kind: "pglite",
    applied,
    ping: () => databaseAnswers(db),
    async close() {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, runMigrations: boolean, statementTimeoutMs: number | undefined): Promise<Store> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  let applied: string[] = [];
  if (runMigrations) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      ({ applied } = await migrate({
        query: async (sql, params) => client.query(sql, params),
        exec: async (sql) => {
          await client.query(sql);
        },
      } as SqlConnection));
    } finally {
      await client.end();
    }
  }
  // A startup parameter of every pooled connection, so no statement of the app's escapes it
  // (the migrations above ran on a client of their own, without it).
  const timeout = statementTimeoutMs !== undefined ? { statement_timeout: Math.floor(statementTimeoutMs) } : {};
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5000, ...timeout }) });
  return {
    db,
    kind: "postgresql",
    applied,
    ping: () => databaseAnswers(db),
    async close() {
      await db.$disconnect();
    },
  };
}

/** Whether the database answers a trivial query within 2 seconds. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    return (await within(db.$queryRaw`SELECT 1`, 2000, "timeout" as const)) !== "timeout";
  } catch {
    return false;
  }
}
