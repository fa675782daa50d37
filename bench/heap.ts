// `npm run bench:heap`: where the idle app's resident memory goes. Figures, never pass/fail.
// Starts the built app as `npm start` does (HTTP mode, Slack a local stand-in) on the embedded
// database (a restart on a prepared DATA_DIR) and on PostgreSQL when one answers, lets it settle,
// then prints for each:
//   - resident memory by mapping, from /proc/<pid>/smaps: node's own binary, shared libraries,
//     malloc's heap, and the anonymous rest (the V8 heap, WebAssembly code and memory);
//   - the process's own figures after a full collection (V8 heap committed and used, memory
//     outside the V8 heap such as WebAssembly memories and buffers);
//   - a heap snapshot's self sizes by kind of node, and its largest strings (module sources and
//     embedded data) by their first characters.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../src/store/db.js";
import { FakeSlack } from "../test/support/fakeSlack.js";
import { adminQuery, appEnv, postgresAdmin, root, startArgs, startNode, stopProcess, table, withDbName, type Started } from "./support/processes.js";

const settleMs = 3_000;
const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

/** Resident bytes by what is mapped (1 MiB and more): the node binary, shared libraries, malloc's heap, anonymous. */
function residentByMapping(pid: number): Array<[string, number]> {
  const groups = new Map<string, number>();
  let group = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[1] ?? "";
      group =
        name === process.execPath
          ? "node binary (code, shared with other node processes)"
          : name.includes(".so")
            ? "shared libraries"
            : name === "[heap]"
              ? "malloc heap ([heap])"
              : name === ""
                ? "anonymous (V8 heap, WebAssembly, mmap'd malloc)"
                : name.startsWith("[")
                  ? `${name}`
                  : "other files";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) groups.set(group, (groups.get(group) ?? 0) + Number(rss[1]) * 1024);
  }
  return [...groups].filter(([, bytes]) => bytes >= 1048576).sort((a, b) => b[1] - a[1]);
}

interface ProbeReport {
  usage: NodeJS.MemoryUsage;
  heap: { total_heap_size: number; used_heap_size: number; malloced_memory: number; external_memory: number };
  spaces: Array<{ name: string; size: number; used: number }>;
  code: { code_and_metadata_size: number; bytecode_and_metadata_size: number };
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size by node type, by constructor (objects), and the largest strings. */
function summarize(file: string) {
  const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [number, number, number];
  const byType = new Map<string, number>();
  const byConstructor = new Map<string, number>();
  const strings: Array<[number, string]> = [];
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]!] ?? "?";
    const name = snap.strings[snap.nodes[i + iName]!] ?? "";
    const size = snap.nodes[i + iSize]!;
    total += size;
    byType.set(type, (byType.get(type) ?? 0) + size);
    if (type === "object") byConstructor.set(name, (byConstructor.get(name) ?? 0) + size);
    if (type === "string" && size > 100_000) strings.push([size, name.slice(0, 60).replace(/\s+/g, " ")]);
  }
  const top = <T>(m: Map<string, T>, n: number) => [...m].sort((a, b) => Number(b[1]) - Number(a[1])).slice(0, n);
  return { total, types: top(byType, 8), constructors: top(byConstructor, 8), strings: strings.sort((a, b) => b[0] - a[0]).slice(0, 8) };
}

async function probe(label: string, s: Started, dir: string): Promise<void> {
  await sleep(settleMs);
  const pid = s.proc.child.pid as number;
  const mappings = residentByMapping(pid);
  process.kill(pid, "SIGUSR2");
  const done = join(dir, "done.json");
  for (let waited = 0; !existsSync(done); waited += 50) {
    if (waited > 60_000) throw new Error(`no heap snapshot from ${label} within 60 s:\n${s.proc.tail()}`);
    await sleep(50);
  }
  const report = JSON.parse(readFileSync(done, "utf8")) as ProbeReport;
  const snapshot = summarize(join(dir, "app.heapsnapshot"));
  const total = mappings.reduce((sum, [, bytes]) => sum + bytes, 0);

  console.log(`\n=== ${label}: resident ${mib(total)} MiB, ${settleMs / 1000} s after /healthz 200 ===`);
  console.log(table(["mapping", "MiB"], mappings.map(([name, bytes]) => [name, mib(bytes)])));
  const u = report.usage;
  console.log("\nThe process's own figures, after a full collection (MiB)");
  console.log(
    table(
      ["what", "MiB"],
      [
        ["V8 heap committed (heapTotal)", mib(u.heapTotal)],
        ["V8 heap used (heapUsed)", mib(u.heapUsed)],
        ...report.spaces.filter((sp) => sp.size > 1048576).map((sp) => [`  ${sp.name} committed / used`, `${mib(sp.size)} / ${mib(sp.used)}`]),
        ["  bytecode and its metadata", mib(report.code.bytecode_and_metadata_size)],
        ["outside the V8 heap (external: WebAssembly memories, buffers)", mib(u.external)],
        ["  of which ArrayBuffers", mib(u.arrayBuffers)],
      ],
    ),
  );
  console.log(`\nHeap snapshot: ${mib(snapshot.total)} MiB of self sizes`);
  console.log(table(["node type", "MiB"], snapshot.types.map(([t, b]) => [t, mib(b)])));
  console.log(table(["largest strings (first characters)", "MiB"], snapshot.strings.map(([b, text]) => [JSON.stringify(text), mib(b)])));
}

const slack = await new FakeSlack().start();
const work = await mkdtemp(join(tmpdir(), "delegering-bench-heap-"));
const pgAdmin = await postgresAdmin();
const pgName = `delegering_heap_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const probeArgs = ["--import", join(root, "bench/support/memoryProbe.mjs"), ...startArgs];

try {
  // The embedded database made (initdb, migrations) before the measured start: a restart.
  const dataDir = join(work, "pglite");
  await (await openStore({ dataDir })).close();
  const runs: Array<{ label: string; databaseUrl?: string }> = [{ label: "app on PGlite (restart)" }];
  if (pgAdmin) {
    await adminQuery(pgAdmin, `CREATE DATABASE ${pgName}`);
    runs.push({ label: "app on PostgreSQL", databaseUrl: withDbName(pgAdmin, pgName) });
  } else {
    console.log("PostgreSQL: skipped, no server answered (set BENCH_DATABASE_URL to an admin URL)");
  }
  for (const [i, run] of runs.entries()) {
    const dir = join(work, `probe-${i}`);
    await mkdir(dir);
    const s = await startNode(probeArgs, (port) => ({ ...appEnv(slack, port, dataDir, run.databaseUrl), MEMORY_PROBE_DIR: dir }));
    try {
      await probe(run.label, s, dir);
    } finally {
      await stopProcess(s.proc);
    }
  }
} finally {
  await slack.stop();
  await rm(work, { recursive: true, force: true });
  if (pgAdmin) await adminQuery(pgAdmin, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
}
