// `npm run bench:runtime`: what a user of the running app feels and what it costs, in one run.
// Figures, never pass/fail. Every server is on 127.0.0.1; Slack is a local stand-in.
//   - ack and answer latency (p50/p99, the median of three rounds) and requests/s of
//     `/delegering hjelp` and `/delegering status DLG-1`, 50 signed requests in flight, against the built app started as `npm start` starts it
//     (and a bare Bolt app answering in its ack body, bench/bareBolt.mjs, as the floor);
//   - resident memory idle after start: PGlite first start and restart, PostgreSQL;
//   - start to ready (spawn → GET /healthz 200) of `npm start` with and without a build.
// PostgreSQL is used when BENCH_DATABASE_URL (an admin URL) or the default local server answers;
// a throwaway database is made and dropped, the one named is never touched.
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../src/store/db.js";
import { freePort } from "../test/support/app.js";
import { FakeSlack } from "../test/support/fakeSlack.js";
import { slackSignature } from "../test/support/signing.js";
import { seed } from "./status.js";
import {
  adminQuery,
  appEnv,
  cpuSecondsOf,
  memoryOf,
  postgresAdmin,
  root,
  secret,
  startArgs,
  startCommand,
  startNode,
  startProcess,
  stopProcess,
  table,
  untilReady,
  withDbName,
  type Started,
} from "./support/processes.js";

const concurrency = 50;
const warmup = 3_000;
const measured = 2_000;
const rounds = 3;
/** A load phase stops issuing requests after this, whatever it reached. */
const phaseLimitMs = 60_000;
/** How long a started app sits before its idle memory is read. */
const settleMs = 3_000;

async function idleMemory(s: Started): Promise<{ rss: number; peak: number }> {
  await sleep(settleMs);
  return memoryOf(s.proc.child.pid as number);
}

// ---------- load ----------

/** Where the app's respond() posts land: arrival time by request id. */
class ResponseSink {
  readonly arrivals = new Map<string, number>();
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const id = (req.url ?? "").split("/").pop() ?? "";
      req.resume();
      req.on("end", () => {
        this.arrivals.set(id, performance.now());
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      });
    });
    // Longer than the app's fetch keeps an idle connection: otherwise a post can go out on a
    // socket this server is closing ("fetch failed"), a failure of the harness, not the app.
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/r/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface LoadResult {
  /** ms from sending to the full HTTP response (Slack's 3 s clock stops here) */
  acks: number[];
  /** ms from sending to the answer: the ack body when it has one, else the response_url post */
  answers: number[];
  /** acks that were not 200, or no answer at all */
  failedAcks: number;
  /** acked, but no response_url post within 10 s of the last ack */
  missingAnswers: number;
  perSecond: number;
}

let seq = 0;

async function load(port: number, text: string, count: number, sink: ResponseSink): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const acks: number[] = [];
  const pending: Array<{ id: string; sentAt: number }> = [];
  const answers: number[] = [];
  let failedAcks = 0;
  let missingAnswers = 0;
  let issued = 0;
  const started = performance.now();

  const one = () =>
    new Promise<void>((resolve) => {
      const id = `${process.pid}-${++seq}`;
      const body = new URLSearchParams({
        token: "legacy",
        team_id: "T0BENCH",
        team_domain: "bench",
        channel_id: "C0RANDOM1",
        channel_name: "random",
        user_id: "U0ALICE",
        user_name: "alice",
        command: "/delegering",
        text,
        api_app_id: "A0APP",
        response_url: `${sink.url}${id}`,
        trigger_id: `trigger.${id}`,
      }).toString();
      const sentAt = performance.now();
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/slack/events",
          method: "POST",
          agent,
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), ...slackSignature(secret, body) },
        },
        (res) => {
          let raw = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (raw += d));
          res.on("end", () => {
            const now = performance.now();
            if (res.statusCode !== 200) {
              failedAcks++;
              resolve();
              return;
            }
            acks.push(now - sentAt);
            // An ack with a body is the answer; an empty ack means respond() posts it later.
            if (raw.trim() !== "") answers.push(now - sentAt);
            else pending.push({ id, sentAt });
            resolve();
          });
        },
      );
      req.on("error", () => {
        failedAcks++;
        resolve();
      });
      req.end(body);
    });

  const worker = async () => {
    while (issued < count && performance.now() - started < phaseLimitMs) {
      issued++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  // Answers that go through response_url: wait (briefly) for the last ones.
  const deadline = performance.now() + 10_000;
  while (pending.some((p) => !sink.arrivals.has(p.id)) && performance.now() < deadline) await sleep(20);
  for (const p of pending) {
    const at = sink.arrivals.get(p.id);
    if (at === undefined) missingAnswers++;
    else answers.push(at - p.sentAt);
  }
  agent.destroy();
  return { acks, answers, failedAcks, missingAnswers, perSecond: (acks.length / elapsed) * 1000 };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

const latencyRows: string[][] = [];
/** ack p50 and p99 of each app's `hjelp`, for the comparison with the floor */
const hjelpAcks = new Map<string, { p50: number; p99: number; cpu: number }>();

/** The middle one of an odd number of figures. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `rounds` loads of `measured` requests after the warm-up. A row gives the median over the rounds
 * of each figure, and the range of the p99s: a stall of the machine (two cores shared with this
 * harness and PostgreSQL) shows as one round's p99, a slow app in every round's.
 */
async function measure(label: string, s: Started, text: string, sink: ResponseSink): Promise<void> {
  await load(s.port, text, warmup, sink);
  const results: LoadResult[] = [];
  const pid = s.proc.child.pid as number;
  const cpuBefore = cpuSecondsOf(pid);
  for (let round = 0; round < rounds; round++) results.push(await load(s.port, text, measured, sink));
  // The app's own CPU time per request: what the work costs, whatever else the machine does.
  const cpuPerRequest = ((cpuSecondsOf(pid) - cpuBefore) * 1000) / results.reduce((n, r) => n + r.acks.length, 0);
  const failedAcks = results.reduce((n, r) => n + r.failedAcks, 0);
  const missingAnswers = results.reduce((n, r) => n + r.missingAnswers, 0);
  // What the app said about its failures, for the reader of the figures.
  if (failedAcks + missingAnswers > 0) console.error(`${label}, ${text}: the app's last output:\n${s.proc.tail().slice(-1500)}`);
  const f = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(1));
  const each = (pick: (r: LoadResult) => number) => results.map(pick);
  const ackP50 = median(each((r) => percentile(r.acks, 0.5)));
  const ackP99s = each((r) => percentile(r.acks, 0.99));
  const ackP99 = median(ackP99s);
  if (text === "hjelp") hjelpAcks.set(label, { p50: ackP50, p99: ackP99, cpu: cpuPerRequest });
  latencyRows.push([
    label,
    `/delegering ${text}`,
    String(results.reduce((n, r) => n + r.acks.length, 0)),
    f(ackP50),
    f(ackP99),
    `${f(Math.min(...ackP99s))}–${f(Math.max(...ackP99s))}`,
    f(median(each((r) => percentile(r.answers, 0.5)))),
    f(median(each((r) => percentile(r.answers, 0.99)))),
    median(each((r) => r.perSecond)).toFixed(0),
    cpuPerRequest.toFixed(3),
    String(failedAcks),
    String(missingAnswers),
  ]);
}

// ---------- the run ----------

const slack = await new FakeSlack().start();
const sink = await new ResponseSink().start();
const work = await mkdtemp(join(tmpdir(), "delegering-bench-runtime-"));
const memoryRows: string[][] = [];
const startRows: string[][] = [];
const mib = (m: { rss: number; peak: number }) => [m.rss.toFixed(0), m.peak.toFixed(0)];
const pgAdmin = await postgresAdmin();
const pgName = `delegering_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

try {
  // A seeded embedded database (DLG-1 … DLG-100), made before any app opens it.
  const seeded = join(work, "seeded");
  const store = await openStore({ dataDir: seeded });
  await seed(store, 100);
  await store.close();

  // npm start: first with the build forced (no stamp: build-if-stale builds), then again.
  await rm(join(root, "dist", ".build-stamp"), { force: true });
  for (const label of ["npm start, build needed", "npm start, no build"]) {
    const port = await freePort();
    const since = performance.now();
    const proc = startProcess("npm", ["start", "--silent"], appEnv(slack, port, seeded));
    try {
      startRows.push([label, (await untilReady(proc, port, since)).toFixed(0)]);
    } finally {
      await stopProcess(proc);
    }
  }

  // Memory on PGlite: a fresh DATA_DIR (initdb and migrations at start), then a restart on it.
  const fresh = join(work, "fresh");
  for (const label of ["PGlite, first start (fresh DATA_DIR)", "PGlite, restart"]) {
    const s = await startNode([...startArgs], (port) => appEnv(slack, port, fresh));
    try {
      startRows.push([`${startCommand}, ${label}`, s.readyMs.toFixed(0)]);
      memoryRows.push([`app, ${label}`, ...mib(await idleMemory(s))]);
    } finally {
      await stopProcess(s.proc);
    }
  }

  // Latency on PGlite (seeded), then the memory it holds after the load.
  {
    const s = await startNode([...startArgs], (port) => appEnv(slack, port, seeded));
    try {
      await idleMemory(s);
      await measure("app, PGlite", s, "hjelp", sink);
      await measure("app, PGlite", s, "status DLG-1", sink);
      memoryRows.push(["app, PGlite, after the load", ...mib(memoryOf(s.proc.child.pid as number))]);
    } finally {
      await stopProcess(s.proc);
    }
  }

  if (pgAdmin) {
    await adminQuery(pgAdmin, `CREATE DATABASE ${pgName}`);
    const url = withDbName(pgAdmin, pgName);
    const pgStore = await openStore({ databaseUrl: url, dataDir: work });
    await seed(pgStore, 100);
    await pgStore.close();
    const s = await startNode([...startArgs], (port) => appEnv(slack, port, join(work, "pg-data"), url));
    try {
      startRows.push([`${startCommand}, PostgreSQL`, s.readyMs.toFixed(0)]);
      memoryRows.push(["app, PostgreSQL, idle", ...mib(await idleMemory(s))]);
      await measure("app, PostgreSQL", s, "hjelp", sink);
      await measure("app, PostgreSQL", s, "status DLG-1", sink);
      memoryRows.push(["app, PostgreSQL, after the load", ...mib(memoryOf(s.proc.child.pid as number))]);
    } finally {
      await stopProcess(s.proc);
    }
  } else {
    memoryRows.push(["app, PostgreSQL", "skipped: no server answered", ""]);
  }

  // The floor: bare Bolt, answering in its ack body.
  {
    const s = await startNode(["bench/bareBolt.mjs"], (port) => ({ SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.url, PORT: String(port) }));
    try {
      startRows.push(["bare Bolt (node bench/bareBolt.mjs)", s.readyMs.toFixed(0)]);
      memoryRows.push(["bare Bolt, idle", ...mib(await idleMemory(s))]);
      await measure("bare Bolt (floor)", s, "hjelp", sink);
      memoryRows.push(["bare Bolt, after the load", ...mib(memoryOf(s.proc.child.pid as number))]);
    } finally {
      await stopProcess(s.proc);
    }
  }
} finally {
  await sink.stop();
  await slack.stop();
  await rm(work, { recursive: true, force: true });
  if (pgAdmin) await adminQuery(pgAdmin, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
}

// The figures are only as quiet as the machine: say how busy it was.
const [load1, load5] = loadavg();
console.log(`\n${cpus().length} cores; load average at the end ${load1?.toFixed(1)} (1 min), ${load5?.toFixed(1)} (5 min)`);
console.log(
  `\nSlash commands, ${concurrency} in flight, ${warmup} warm-up then ${rounds} rounds of ${measured} (ms; the median round's figures, and the range of the rounds' ack p99; answer = ack body, else the response_url post; CPU = the app process's user + system time over the rounds)`,
);
console.log(table(["app", "command", "n", "ack p50", "ack p99", "p99 range", "answer p50", "answer p99", "req/s", "CPU ms/req", "failed acks", "no answer"], latencyRows, 2));
const floor = hjelpAcks.get("bare Bolt (floor)");
for (const [label, acks] of hjelpAcks) {
  if (floor && label !== "bare Bolt (floor)") {
    console.log(
      `${label}, hjelp against the floor: ack p50 ×${(acks.p50 / floor.p50).toFixed(2)}, ack p99 ×${(acks.p99 / floor.p99).toFixed(2)}, CPU per request ×${(acks.cpu / floor.cpu).toFixed(2)}`,
    );
  }
}
console.log(`\nResident memory (MiB, /proc VmRSS; idle = ${settleMs / 1000} s after /healthz 200; peak = VmHWM)`);
console.log(table(["process", "RSS", "peak"], memoryRows));
console.log("\nStart to ready (spawn → GET /healthz 200, ms)");
console.log(table(["start", "ms"], startRows));
