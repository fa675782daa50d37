import { appendFile, cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { PGlite as PGliteType } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { openStore, pgliteSharedBuffers, pgliteWalRecycle, type Store } from "../../src/store/db.js";
import { defaultMigrationsDir, migrate, type SqlConnection } from "../../src/store/migrator.js";
import { backends } from "../support/db.js";
import { withDatabase } from "../support/pgAdmin.js";

interface Empty {
  store: Store;
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

async function emptyStore(backend: string): Promise<Empty> {
  const dataDir = await mkdtemp(join(tmpdir(), "delegering-empty-"));
  if (backend === "pglite") {
    const store = await openStore({ dataDir });
    return { store, reopen: () => openStore({ dataDir }), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const admin = inject("postgresAdminUrl");
  const name = `delegering_empty_${randomBytes(5).toString("hex")}`;
  await withDatabase(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: u.toString(), dataDir });
  return {
    store,
    reopen: () => openStore({ databaseUrl: u.toString(), dataDir }),
    cleanup: async () => {
      await withDatabase(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(backends())("migrations on an empty %s", (backend) => {
  let handle: Empty;
  afterAll(async () => {
    await handle?.store.close();
    await handle?.cleanup();
  });

  it("applies every migration and records it as Prisma does", async () => {
    handle = await emptyStore(backend);
    const names = (await readdir(defaultMigrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const rows = await handle.store.db.$queryRaw<Array<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>>`
      SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it("writes and reads back every model", async () => {
    const { db } = handle.store;
    const c = await db.case.create({
      data: {
        reference: "DLG-1",
        workspaceId: "T0TEST",
        environment: "tt02",
        stage: "awaiting_brreg",
        vendorOrgnr: "920012345",
        vendorName: "FJORDDATA SYSTEMER AS",
        vendorContactName: "Kari Nordmann",
        vendorContactEmail: "kari@fjorddata.no",
        vendorContactPhone: "+4791234567",
        customerOrgnr: "812345672",
        customerName: "NORDLYS REGNSKAP OG REVISJON AS",
        customerNameSearch: "nordlys regnskap og revisjon as",
        customerContactName: "Ola Hansen",
        customerContactEmail: "ola@nordlys.no",
        customerContactPhone: "+4740000000",
        customerAccess: "confirmed",
        ownerUserId: "U0ALICE",
        orderMessageId: "<order-1@delegering>",
      },
    });
    await db.caseEvent.create({ data: { caseId: c.id, kind: "created", actor: "U0ALICE", details: { via: "test" } } });
    await db.outboxMessage.create({
      data: {
        caseId: c.id,
        kind: "order",
        messageId: "<order-1@delegering>",
        fromAddress: "delegering@fjorddata.no",
        toAddresses: ["opendata@brreg.no"],
        ccAddresses: ["kari@fjorddata.no"],
        subject: "[DLG-1] Bestilling",
        textBody: "tekst",
        htmlBody: "<p>tekst</p>",
      },
    });
    await db.reminder.create({ data: { caseId: c.id, kind: "awaiting_brreg", dueAt: new Date("2026-12-01T08:00:00Z") } });
    await db.vendorProfile.create({
      data: { workspaceId: "T0TEST", orgnr: "920012345", name: "FJORDDATA SYSTEMER AS", contactName: "Kari", contactEmail: "kari@fjorddata.no", contactPhone: "+4791234567" },
    });
    await db.processedRequest.create({ data: { key: "event:Ev1" } });
    await db.mailboxCursor.create({ data: { mailbox: "INBOX", uidValidity: 1700000000n, lastUid: 42n } });
    await db.inboundMail.create({ data: { mailbox: "INBOX", uidValidity: 1700000000n, uid: 42n, classification: "confirmation", caseId: c.id, subject: "SV: [DLG-1]" } });
    await db.delegationPoll.create({ data: { caseId: c.id, dueAt: new Date("2026-12-01T08:15:00Z"), startedAt: new Date("2026-12-01T08:00:00Z") } });
    await db.scopeNotOnClient.create({ data: { env: "test", clientId: "vendor-client", clientScopes: "brreg:reelle/media", scope: "brreg:reelle/media", at: new Date("2026-12-01T08:15:00Z") } });
    expect(await db.scopeNotOnClient.count()).toBe(1);
    await db.clientProblem.create({ data: { env: "test", clientId: "vendor-client", problem: "key_expired", at: new Date("2026-12-01T08:15:00Z") } });
    await expect(db.clientProblem.create({ data: { env: "test", clientId: "vendor-client", problem: "key_expired", at: new Date() } })).rejects.toThrow();
    await db.credentialNotice.create({ data: { noticeKey: "test:vendor-client:key:2027-01-01:14", claimedAt: new Date("2026-12-18T08:00:00Z") } });
    expect(await db.credentialNotice.count()).toBe(1);

    const back = await db.case.findUniqueOrThrow({
      where: { reference: "DLG-1" },
      include: { events: true, outbox: true, reminders: true, inbound: true, delegationPoll: true },
    });
    expect(back.customerOrgnr).toBe("812345672");
    expect(back.delegationPoll?.attempt).toBe(0);
    expect(back.delegationPoll?.mode).toBe("waiting");
    expect(back.lastVerifiedAt).toBeNull();
    expect(back.events[0]?.details).toEqual({ via: "test" });
    expect(back.outbox[0]?.toAddresses).toEqual(["opendata@brreg.no"]);
    expect(back.outbox[0]?.status).toBe("queued");
    expect(back.reminders[0]?.dueAt.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(back.inbound[0]?.uid).toBe(42n);
    expect((await db.vendorProfile.findUniqueOrThrow({ where: { workspaceId: "T0TEST" } })).contactPhone).toBe("+4791234567");
    expect(await db.processedRequest.count()).toBe(1);
    expect((await db.mailboxCursor.findUniqueOrThrow({ where: { mailbox: "INBOX" } })).lastUid).toBe(42n);
    const at = new Date("2026-11-30T08:00:00Z");
    await db.importDraft.create({ data: { session: "V0IMPORT", workspaceId: "T0TEST", userId: "U0ALICE", data: { lines: [] }, createdAt: at } });
    await db.homeViewer.create({ data: { userId: "U0ALICE", openedAt: at } });
    await db.weeklyOverview.create({ data: { weekKey: "2026-W49", claimedAt: at } });
    expect((await db.importDraft.findUniqueOrThrow({ where: { session: "V0IMPORT" } })).data).toEqual({ lines: [] });
    expect((await db.homeViewer.findUniqueOrThrow({ where: { userId: "U0ALICE" } })).openedAt).toEqual(at);
    await expect(db.weeklyOverview.create({ data: { weekKey: "2026-W49", claimedAt: at } })).rejects.toThrow();
    await db.slackNotice.create({ data: { caseId: c.id, kind: "created", target: "thread", payload: { kind: "created", actor: "U0ALICE" }, nextAttemptAt: at, createdAt: at } });
    await db.slackNotice.create({ data: { kind: "unmatched_mail", target: "channel", nextAttemptAt: at, createdAt: at } });
    expect((await db.case.findUniqueOrThrow({ where: { id: c.id }, include: { slackNotices: true } })).slackNotices.map((n) => [n.status, n.attempts, n.payload])).toEqual([
      ["pending", 0, { kind: "created", actor: "U0ALICE" }],
    ]);
    expect(await db.slackNotice.count({ where: { caseId: null } })).toBe(1);
    await db.retentionPass.create({ data: { slot: "2026-11-30T06", claimedAt: at } });
    await expect(db.retentionPass.create({ data: { slot: "2026-11-30T06", claimedAt: at } })).rejects.toThrow();
    await db.case.update({ where: { id: c.id }, data: { personalDataErasedAt: at } });
    expect((await db.case.findUniqueOrThrow({ where: { id: c.id } })).personalDataErasedAt).toEqual(at);

    // one order email per case
    await expect(
      db.outboxMessage.create({
        data: { caseId: c.id, kind: "order", messageId: "<other@x>", fromAddress: "a@b.no", toAddresses: [], ccAddresses: [], subject: "s", textBody: "t", htmlBody: "h" },
      }),
    ).rejects.toThrow();
  });

  it("a second start applies nothing and keeps the data", async () => {
    expect(handle.store.applied.length).toBeGreaterThan(0);
    await handle.store.close();
    handle.store = await handle.reopen();
    expect(handle.store.applied).toEqual([]);
    expect(await handle.store.db.case.count()).toBe(1);
  });

  it("refuses to start when an applied migration's file was changed since", async () => {
    const dir = await mkdtemp(join(tmpdir(), "delegering-migrations-"));
    try {
      await cp(defaultMigrationsDir, dir, { recursive: true });
      const [first] = (await readdir(dir)).filter((n) => n !== "migration_lock.toml").sort();
      await appendFile(join(dir, first!, "migration.sql"), "\n-- edited after it ran\n");
      const { db } = handle.store;
      const viaPrisma: SqlConnection = {
        query: async <T,>(sql: string, params: unknown[] = []) => ({ rows: await db.$queryRawUnsafe<T[]>(sql, ...params) }),
        exec: async (sql) => {
          await db.$executeRawUnsafe(sql);
        },
      };
      await expect(migrate(viaPrisma, dir)).rejects.toThrow(`migration ${first} was changed after it was applied`);
      expect(await db.case.count()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(backend === "pglite")("runs the embedded engine with the smaller buffer cache (set at each start, not in the data)", async () => {
    const [row] = await handle.store.db.$queryRaw<Array<{ shared_buffers: string }>>`SHOW shared_buffers`;
    expect(row?.shared_buffers).toBe(pgliteSharedBuffers);
  });

  it.runIf(backend === "pglite")("deletes WAL segments it no longer needs instead of reusing them (they would keep erased rows)", async () => {
    const [row] = await handle.store.db.$queryRaw<Array<{ wal_recycle: string }>>`SHOW wal_recycle`;
    expect(row?.wal_recycle).toBe(pgliteWalRecycle);
    expect(pgliteWalRecycle).toBe("off");
  });
});

describe.skipIf(!backends().includes("postgresql"))("replicas starting together on an empty PostgreSQL", () => {
  it("each migrates without error and the migrations are applied once", async () => {
    const admin = inject("postgresAdminUrl");
    for (let round = 0; round < 3; round++) {
      const name = `delegering_race_${randomBytes(5).toString("hex")}`;
      await withDatabase(admin, (c) => c.query(`CREATE DATABASE ${name}`));
      const u = new URL(admin);
      u.pathname = `/${name}`;
      try {
        const results = await Promise.all(
          Array.from({ length: 6 }, () =>
            withDatabase(u.toString(), (c) =>
              migrate({
                query: async (sql, params) => c.query(sql, params),
                exec: async (sql) => {
                  await c.query(sql);
                },
              } as SqlConnection),
            ),
          ),
        );
        const names = await readdir(defaultMigrationsDir, { withFileTypes: true });
        expect(results.flatMap((r) => r.applied).sort()).toEqual(names.filter((e) => e.isDirectory()).map((e) => e.name).sort());
      } finally {
        await withDatabase(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      }
    }
  });
});

/**
 * A PGlite database migrated with every migration but `migration`, as an app before that version
 * left it; `run` writes the rows of that time and then migrates it on.
 */
async function withDatabaseBefore(migration: string, run: (pglite: PGliteType, conn: SqlConnection) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "delegering-upgrade-"));
  const before = await mkdtemp(join(tmpdir(), "delegering-migrations-"));
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(join(dataDir, "pgdata"));
  try {
    await cp(defaultMigrationsDir, before, { recursive: true });
    await rm(join(before, migration), { recursive: true });
    const conn: SqlConnection = {
      query: async <T,>(sql: string, params: unknown[] = []) => pglite.query<T>(sql, params),
      exec: async (sql) => {
        await pglite.exec(sql);
      },
    };
    await migrate(conn, before);
    await run(pglite, conn);
  } finally {
    await pglite.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(before, { recursive: true, force: true });
  }
}

describe("the upgrade to the watch over verified delegations (20261204170000), on PGlite", () => {
  it("gives every case verified before it a recheck, spread over a day, and keeps its data", async () => {
    await withDatabaseBefore("20261204170000_delegation_watch", async (pglite, conn) => {
      // As the app before this version wrote them: three verified cases (one with its finished poll) and one waiting.
      for (const [id, stage] of [[1, "verified"], [2, "verified"], [3, "verified"], [4, "awaiting_delegation"]] as const) {
        await pglite.query(
          `INSERT INTO "Case" ("id", "reference", "workspaceId", "environment", "stage", "stageChangedAt", "vendorOrgnr", "vendorName", "vendorContactName", "vendorContactEmail", "vendorContactPhone",
             "customerOrgnr", "customerName", "customerNameSearch", "customerContactName", "customerContactEmail", "customerContactPhone", "customerAccess", "scope", "ownerUserId", "updatedAt")
           VALUES ($1, $2, 'T0TEST', 'tt02', $3, '2026-11-02 10:00:00', '920012345', 'FJORDDATA', 'Kari', 'kari@fjorddata.no', '+4791234567',
             '812345672', 'NORDLYS AS', 'nordlys as', 'Ola', 'ola@nordlys.no', '+4740000000', 'confirmed', 'brreg:reelle/media', 'U0ALICE', now())`,
          [id, `DLG-${id}`, stage],
        );
      }
      await pglite.exec(`INSERT INTO "DelegationPoll" ("caseId", "dueAt", "startedAt", "doneAt", "outcome", "attempt") VALUES (1, '2026-11-02 10:00:00', '2026-11-01 10:00:00', '2026-11-02 10:00:00', 'detected', 7)`);
      await pglite.exec(`INSERT INTO "DelegationPoll" ("caseId", "dueAt", "startedAt") VALUES (4, '2026-12-01 10:00:00', '2026-11-30 10:00:00')`);

      expect((await migrate(conn)).applied).toEqual(["20261204170000_delegation_watch"]);
      const polls = (
        await pglite.query<{ caseId: number; mode: string; done: boolean; attempt: number; inSeconds: number }>(
          `SELECT "caseId", mode, "doneAt" IS NOT NULL AS done, attempt, EXTRACT(EPOCH FROM ("dueAt" - CURRENT_TIMESTAMP::timestamp))::float8 AS "inSeconds" FROM "DelegationPoll" ORDER BY "caseId"`,
        )
      ).rows;
      expect(polls.map((p) => [p.caseId, p.mode, p.done, p.attempt])).toEqual([
        [1, "recheck", false, 0],
        [2, "recheck", false, 0],
        [3, "recheck", false, 0],
        [4, "waiting", false, 0],
      ]);
      const dues = polls.slice(0, 3).map((p) => p.inSeconds);
      for (const d of dues) expect(d).toBeLessThanOrEqual(86_400);
      // not all in the same minute
      expect(new Set(dues.map((d) => Math.floor(d / 60))).size).toBe(3);
      const cases = (await pglite.query<{ id: number; since: string | null; last: string | null }>(`SELECT id, "verifiedSince"::text AS since, "lastVerifiedAt"::text AS last FROM "Case" ORDER BY id`)).rows;
      expect(cases.map((c) => [c.id, c.since, c.last])).toEqual([
        [1, "2026-11-02 10:00:00", "2026-11-02 10:00:00"],
        [2, "2026-11-02 10:00:00", "2026-11-02 10:00:00"],
        [3, "2026-11-02 10:00:00", "2026-11-02 10:00:00"],
        [4, null, null],
      ]);
    });
  });
});

describe("the upgrade to loginSentTo on the case (20261208100000), on PGlite", () => {
  it("fills it from each case's latest awaiting_delegation event, the erased marker included, and leaves the others empty", async () => {
    await withDatabaseBefore("20261208100000_login_sent_to", async (pglite, conn) => {
      for (const id of [1, 2, 3, 4]) {
        await pglite.query(
          `INSERT INTO "Case" ("id", "reference", "workspaceId", "environment", "stage", "stageChangedAt", "vendorOrgnr", "vendorName", "vendorContactName", "vendorContactEmail", "vendorContactPhone",
             "customerOrgnr", "customerName", "customerNameSearch", "customerContactName", "customerContactEmail", "customerContactPhone", "customerAccess", "ownerUserId", "updatedAt")
           VALUES ($1, $2, 'T0TEST', 'tt02', 'awaiting_delegation', '2026-11-02 10:00:00', '920012345', 'FJORDDATA', 'Kari', 'kari@fjorddata.no', '+4791234567',
             '812345672', 'NORDLYS AS', 'nordlys as', 'Ola', 'ola@nordlys.no', '+4740000000', 'confirmed', 'U0ALICE', now())`,
          [id, `DLG-${id}`],
        );
      }
      // As the app before this version wrote them: the recipients comma-joined in the event's details.
      const event = (caseId: number, at: string, details: object) =>
        pglite.query(`INSERT INTO "CaseEvent" ("caseId", "kind", "actor", "at", "details") VALUES ($1, 'stage:awaiting_delegation', 'mail', $2, $3)`, [caseId, at, JSON.stringify(details)]);
      await event(1, "2026-11-02 09:00:00", { via: "mail", loginSentTo: "old@fjorddata.no" });
      await event(1, "2026-11-02 10:00:00", { via: "mail", loginSentTo: "kari@fjorddata.no,ola@nordlys.no" });
      await event(2, "2026-11-02 10:00:00", { via: "button" });
      await event(3, "2026-11-02 10:00:00", { via: "mail", loginSentTo: "[slettet]" });

      expect((await migrate(conn)).applied).toEqual(["20261208100000_login_sent_to"]);
      const cases = (await pglite.query<{ id: number; loginSentTo: string[] }>(`SELECT id, "loginSentTo" FROM "Case" ORDER BY id`)).rows;
      expect(cases.map((c) => [c.id, c.loginSentTo])).toEqual([
        [1, ["kari@fjorddata.no", "ola@nordlys.no"]],
        [2, []],
        [3, ["[slettet]"]],
        [4, []],
      ]);
    });
  });
});
