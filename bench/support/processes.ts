// What the benches share: the built app and other Node programs as child processes, their
// readiness and memory, the variables that point the app at local stand-ins, and a throwaway
// PostgreSQL database. Everything runs on 127.0.0.1.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { freePort } from "../../test/support/app.js";

export const root = new URL("../..", import.meta.url).pathname;

/**
 * node's arguments in `npm start` (package.json's start script, V8 flags and dist/main.js): the
 * benches start the built app as `npm start` does, without npm in between.
 */
export const startArgs: readonly string[] = (() => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== "node" || args.at(-1) !== "dist/main.js") throw new Error(`the start script is not "node … dist/main.js": ${pkg.scripts.start}`);
  return args;
})();
/** How the rows name that command. */
export const startCommand = `node ${startArgs.join(" ")}`;
export const secret = "bench-signing-secret";

// ---------- child processes ----------

export interface Proc {
  child: ChildProcess;
  /** the last output, for an error message when a start fails */
  tail(): string;
  exited: Promise<number | null>;
}

export function startProcess(command: string, args: string[], env: Record<string, string>): Proc {
  // Its own process group, so `npm start` and the node it runs are stopped together.
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CHECKPOINT_DISABLE: "1", ...env },
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, tail: () => out, exited };
}

export async function stopProcess(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.pid === undefined) return;
  process.kill(-p.child.pid, "SIGTERM");
  const code = await Promise.race([p.exited, sleep(15_000).then(() => "timeout" as const)]);
  if (code === "timeout") process.kill(-p.child.pid, "SIGKILL");
}

/** Milliseconds from now until GET /healthz answers 200. */
export async function untilReady(p: Proc, port: number, since: number): Promise<number> {
  const deadline = since + 180_000;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`exited before ready (${p.child.exitCode}):\n${p.tail()}`);
    if (performance.now() > deadline) throw new Error(`not ready within 180 s:\n${p.tail()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux unless `getconf` says else). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** The variables a user sets, with Slack pointed at the local stand-in. */
export function appEnv(slack: { url: string }, port: number, dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: secret,
    SLACK_MODE: "http",
    SLACK_CASE_CHANNEL: "C0CASES01",
    SLACK_API_URL: slack.url,
    PORT: String(port),
    DATA_DIR: dataDir,
    // Never the real register: the bench makes no order, but nothing may leave the machine.
    ENHETSREGISTERET_URL: "http://127.0.0.1:9/enhetsregisteret/api",
    LOG_LEVEL: "warn",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

export interface Started {
  proc: Proc;
  port: number;
  readyMs: number;
}

export async function startNode(args: string[], env: (port: number) => Record<string, string>): Promise<Started> {
  const port = await freePort();
  const since = performance.now();
  const proc = startProcess(process.execPath, args, env(port));
  try {
    return { proc, port, readyMs: await untilReady(proc, port, since) };
  } catch (error) {
    await stopProcess(proc);
    throw error;
  }
}

/** Columns before `textColumns` are left-aligned text, the rest right-aligned figures. */
export function table(header: string[], rows: string[][], textColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// ---------- PostgreSQL ----------

export async function postgresAdmin(): Promise<string | undefined> {
  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDbName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

