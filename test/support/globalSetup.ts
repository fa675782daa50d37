import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type pg from "pg";
import { openStore } from "../../src/store/db.js";
import { templateName, withDatabase } from "./pgAdmin.js";

// PGlite's first start in a new directory runs initdb (several seconds): do it once, migrate,
// and let every test copy the directory. PostgreSQL gets a migrated template database.
export default async function setup(project: TestProject) {
  const root = join(tmpdir(), `delegering-test-${process.pid}`);
  const template = join(root, "pglite-template");
  await mkdir(template, { recursive: true });
  const store = await openStore({ dataDir: template });
  await store.close();
  project.provide("pgliteTemplate", template);

  const adminUrl = process.env.TEST_DATABASE_URL;
  // The pid alone can repeat across containers sharing one server: a random part too.
  const postgresTemplate = templateName(`${process.pid}_${Math.random().toString(36).slice(2, 8)}`);
  if (adminUrl) {
    await withDatabase(adminUrl, async (admin: pg.Client) => {
      await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${postgresTemplate}`);
    });
    const pgStore = await openStore({ databaseUrl: withDbName(adminUrl, postgresTemplate), dataDir: root });
    await pgStore.close();
  }
  project.provide("postgresAdminUrl", adminUrl ?? "");
  project.provide("postgresTemplate", postgresTemplate);

  return async () => {
    await rm(root, { recursive: true, force: true });
    if (adminUrl) {
      await withDatabase(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`)).catch(() => undefined);
    }
  };
}

export function withDbName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}
