import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceCase, openCase } from "../../src/service/cases.js";
import { createMetrics } from "../../src/service/metrics.js";
import { createNotifier } from "../../src/service/notices.js";
import type { Services } from "../../src/service/services.js";
import { noticeEventType } from "../../src/slack/noticeSearch.js";
import type { Store } from "../../src/store/db.js";
import { order } from "../domain/fixtures.js";
import { caseChannel, freePort, signingSecret, startTestApp, teamId, type TestApp } from "../support/app.js";
import { noticesSettled } from "../support/cases.js";
import { freshDatabase, hasPostgres, type TestDatabase } from "../support/db.js";
import { FakeSlack, type RecordedCall } from "../support/fakeSlack.js";
import { testRuntime } from "../support/runtime.js";

// Several replicas on one PostgreSQL: each notice is posted once, and the notices a replica held
// when it died are posted by another, once, after its lease.

const root = new URL("../..", import.meta.url).pathname;

/** The tag of every post Slack took (chat.postMessage answered ok), by the row it names. */
function postsByTag(slack: FakeSlack): Map<string, RecordedCall[]> {
  const by = new Map<string, RecordedCall[]>();
  for (const call of slack.callsOf("chat.postMessage")) {
    const metadata = (typeof call.args.metadata === "string" ? JSON.parse(call.args.metadata) : call.args.metadata) as
      | { event_type: string; event_payload: { notice_id: string; part?: string } }
      | undefined;
    if (call.response.ok !== true || metadata?.event_type !== noticeEventType) continue;
    const tag = `${metadata.event_payload.notice_id}${metadata.event_payload.part ? ":root" : ""}`;
    by.set(tag, [...(by.get(tag) ?? []), call]);
  }
  return by;
}

/** The services a replica's listeners use, writing notices but posting none (no worker here). */
function writerOf(store: Store): Services {
  const rt = testRuntime(store.db, () => new Date());
  return { rt, notifier: createNotifier(rt, () => undefined), metrics: createMetrics(rt) };
}

let keys = 0;
const open = (svc: Services, owner = "U0OWNER") =>
  openCase(svc, { order: { ...order, customer_access: "pending" }, workspaceId: teamId, ownerUserId: owner, creationKey: `replica-${process.pid}-${++keys}` }).then((r) => r.case);

describe.skipIf(!hasPostgres())("a replica killed while it holds claimed notices", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let store: Store;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let other: TestApp | undefined;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase("postgresql");
    store = await db.open();
    dataDir = await mkdtemp(join(tmpdir(), "delegering-replica-"));
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await other?.stop();
    await store?.close();
    await slack?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("leaves them to another replica, which posts them within 90 s and none twice", { timeout: 300_000 }, async () => {
    // The first replica: the real entry point in a process of its own.
    const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
    let out = "";
    child = spawn(process.execPath, ["--import", tsx, join(root, "src/main.ts")], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_MODE: "http",
        SLACK_API_URL: slack.url,
        SLACK_CASE_CHANNEL: caseChannel,
        PORT: String(await freePort()),
        DATABASE_URL: db.databaseUrl!,
        DATA_DIR: dataDir,
        HOME_REFRESH_SECONDS: "0",
        LOG_LEVEL: "info",
      },
    });
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!out.includes("Delegering is running")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the replica did not start: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Slack takes the replica's first post but its answer never comes back: the replica dies first.
    const release = slack.hold("chat.postMessage", { taken: true });
    const svc = writerOf(store);
    const cases = [await open(svc), await open(svc), await open(svc)];
    await slack.waitFor(() => slack.arrived.includes("chat.postMessage"), 30_000);
    const claimed = await store.db.slackNotice.count({ where: { status: "pending", leaseUntil: { not: null } } });
    expect(claimed).toBeGreaterThan(0);
    child.kill("SIGKILL");
    const killedAt = Date.now();
    await new Promise<void>((resolve) => (child!.exitCode !== null ? resolve() : child!.once("exit", () => resolve())));
    release();
    expect(slack.messages).toHaveLength(1);

    // Another replica (this process) takes over once the dead one's leases run out.
    other = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" });
    await noticesSettled(other, Math.max(1000, killedAt + 90_000 - Date.now()));

    for (const c of cases) {
      const now = await store.db.case.findUniqueOrThrow({ where: { id: c.id } });
      const roots = slack.messages.filter((m) => m.channel === caseChannel && !m.thread_ts && JSON.stringify(m.blocks ?? "").includes(`${c.reference} `));
      expect(roots.map((m) => m.ts), c.reference).toEqual([now.threadTs]);
      const thread = slack.messages.filter((m) => m.thread_ts === now.threadTs).map((m) => String(m.text));
      expect(thread, c.reference).toHaveLength(2);
      expect(thread[0]).toContain(`opprettet ${c.reference}`);
    }
    // The post the dead replica made was found, not made again: Slack took every notice once.
    for (const [tag, posts] of postsByTag(slack)) expect(posts, tag).toHaveLength(1);
    expect(postsByTag(slack).size).toBe(9);
  });
});

describe.skipIf(!hasPostgres())("two replicas on one PostgreSQL", () => {
  let slack: FakeSlack;
  let db: TestDatabase;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase("postgresql");
    one = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" });
    two = await startTestApp(slack, db, { HOME_REFRESH_SECONDS: "0" });
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("post every notice once, each thread in order", { timeout: 120_000 }, async () => {
    const replicas = [one, two];
    const cases = await Promise.all(Array.from({ length: 12 }, (_, i) => open(replicas[i % 2]!.app.services)));
    await Promise.all(
      cases.map((c, i) => advanceCase(replicas[(i + 1) % 2]!.app.services, { reference: c.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: `Test ${String(i)}` } })),
    );
    await noticesSettled(one, 60_000);

    const posts = postsByTag(slack);
    for (const [tag, calls] of posts) expect(calls, tag).toHaveLength(1);
    const rows = await one.app.runtime.db.slackNotice.findMany({ where: { caseId: { in: cases.map((c) => c.id) } } });
    expect(rows.every((r) => r.status === "posted")).toBe(true);
    for (const c of cases) {
      const now = await one.app.runtime.db.case.findUniqueOrThrow({ where: { id: c.id } });
      const thread = slack.messages.filter((m) => m.thread_ts === now.threadTs).map((m) => String(m.text));
      expect(thread.map((t) => (t.includes("opprettet") ? "created" : t.includes("Videresend") ? "instructions" : t.includes("avbrøt") ? "cancelled" : t)), c.reference).toEqual([
        "created",
        "instructions",
        "cancelled",
      ]);
      const rootMessage = slack.messages.find((m) => m.ts === now.threadTs)!;
      expect(JSON.stringify(rootMessage.blocks), c.reference).toContain("Avbrutt");
    }
  });
});
