import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The smallest surface both PGlite and a node-postgres client offer. */
export interface SqlConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>;
}

export const defaultMigrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// Same table Prisma Migrate keeps, so `prisma migrate status/deploy` agree with what ran here.
const createTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every replica.
const migrationLockKey = 72_021_118;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every migration in prisma/migrations not yet recorded, each in its own transaction.
 * Replicas starting together serialise on an advisory lock; a changed migration file stops the
 * start instead of silently drifting.
 */
export async function migrate(db: SqlConnection, dir = defaultMigrationsDir): Promise<MigrationResult> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files = await Promise.all(names.map(async (name) => ({ name, sql: await readFile(join(dir, name, "migration.sql"), "utf8") })));
  const migrations = files.map(({ name, sql }) => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") }));
  // The usual start: everything is applied already. One read, no lock, no transaction (a
  // migration once finished stays finished, so what this read sees cannot go stale for us).
  if (await allApplied(db, migrations)) return { applied: [] };
  const applied: string[] = [];
  // Under the lock too: two sessions running CREATE TABLE IF NOT EXISTS at once can both miss
  // the table and one fails on pg_type's unique index.
  await db.exec("BEGIN");
  try {
    await db.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
    await db.exec(createTable);
    await db.exec("COMMIT");
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
  for (const { name, sql, checksum } of migrations) {
    await db.exec("BEGIN");
    try {
      await db.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
      const done = await db.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [name],
      );
      const existing = done.rows[0];
      if (existing) {
        if (existing.checksum !== checksum) throw changedAfterApplied(name);
        await db.exec("COMMIT");
        continue;
      }
      const id = randomUUID();
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, checksum, name],
      );
      await db.exec(sql);
      await db.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      await db.exec("COMMIT");
      applied.push(name);
    } catch (error) {
      await db.exec("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }
  return { applied };
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function changedAfterApplied(name: string): Error {
  return new Error(`migration ${name} was changed after it was applied; add a new migration instead`);
}

/** True when every migration is recorded as finished; throws when one was changed after it ran. */
async function allApplied(db: SqlConnection, migrations: readonly Migration[]): Promise<boolean> {
  const table = await db.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!table.rows[0]?.present) return false;
  const done = await db.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const recorded = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const checksum = recorded.get(m.name);
    if (checksum === undefined) return false;
    if (checksum !== m.checksum) throw changedAfterApplied(m.name);
  }
  return true;
}
