import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { openStore, type Store } from "../../src/store/db.js";
import { withDatabase } from "./pgAdmin.js";

export type Backend = "pglite" | "postgresql";

/**
 * The databases the suite runs against: embedded PGlite always, PostgreSQL when
 * TEST_DATABASE_URL names a server (CI sets it and REQUIRE_POSTGRES=1 so it cannot skip).
 */
export function backends(): Backend[] {
  const url = inject("postgresAdminUrl");
  if (!url && process.env.REQUIRE_POSTGRES === "1") throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
  return url ? ["pglite", "postgresql"] : ["pglite"];
}

export function hasPostgres(): boolean {
  return backends().includes("postgresql");
}

export interface TestDatabase {
  backend: Backend;
  /** set for PostgreSQL */
  databaseUrl: string | undefined;
  /** DATA_DIR: holds the embedded database for PGlite, mail previews for both */
  dataDir: string;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a copy of the prepared template. */
export async function freshDatabase(backend: Backend = "pglite"): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "delegering-db-"));
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (backend === "pglite") {
    await cp(inject("pgliteTemplate"), dataDir, { recursive: true });
  } else {
    const adminUrl = inject("postgresAdminUrl");
    name = `delegering_t_${randomBytes(6).toString("hex")}`;
    await withDatabase(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`));
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  return {
    backend,
    databaseUrl,
    dataDir,
    open: () => openStore({ databaseUrl, dataDir, migrate: false }),
    async drop() {
      if (name) {
        await withDatabase(inject("postgresAdminUrl"), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database of `backend` for the enclosing describe block: opened before its tests, closed and dropped after them. */
export function useTestStore(backend: Backend): { readonly store: Store } {
  let database: TestDatabase | undefined;
  const held: { store?: Store } = {};
  beforeAll(async () => {
    database = await freshDatabase(backend);
    held.store = await database.open();
  });
  afterAll(async () => {
    await held.store?.close();
    await database?.drop();
  });
  return {
    get store() {
      if (!held.store) throw new Error("the test database is not open yet");
      return held.store;
    },
  };
}
