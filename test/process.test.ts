import { spawn } from "node:child_process";
import { chmod, cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "./support/app.js";
import { FakeSlack } from "./support/fakeSlack.js";

const root = new URL("..", import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real entry point (src/main.ts through tsx) as a separate process; `until` reads all it printed. */
function runMain(env: Record<string, string>, until?: (out: string) => boolean, cwd = root) {
  const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", tsx, join(root, "src/main.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  const ready = new Promise<void>((resolve, reject) => {
    const stop = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
    };
    const timer = setInterval(() => {
      if (until?.(stdout + stderr)) {
        stop();
        resolve();
      }
    }, 50);
    // Well inside the tests' own timeout, so a start that never gets there fails (and is killed).
    const giveUp = setTimeout(() => {
      stop();
      reject(new Error(`not ready within 120 s: ${stderr}${stdout}`));
    }, 120_000);
    void done.then(() => {
      stop();
      reject(new Error(`exited early: ${stderr}${stdout}`));
    });
  });
  ready.catch(() => undefined);
  return { child, done, ready };
}

describe("the entry point", () => {
  it("lists a missing SLACK_BOT_TOKEN and a malformed DATABASE_URL in one message and exits non-zero", async () => {
    const { done } = runMain({ SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01", DATABASE_URL: "postgres//broken" });
    const run = await done;
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN missing/);
    expect(run.stderr).toMatch(/DATABASE_URL malformed/);
    // one message: both problems under one heading
    expect(run.stderr.match(/Delegering cannot start/g)).toHaveLength(1);
  }, 60_000);

  /** A fresh folder holding a copy of the prepared database, as an earlier run left it (DATA_DIR defaults to ./data). */
  async function folderWithDatabase(prefix: string): Promise<string> {
    const cwd = await mkdtemp(join(tmpdir(), prefix));
    await cp(inject("pgliteTemplate"), join(cwd, "data"), { recursive: true });
    return cwd;
  }

  /** Starts the app, waits until it printed `ready`, checks /healthz answers 200, then stops it with SIGTERM: exit 0. */
  async function startCheckAndStop(env: Record<string, string>, ready: string, cwd: string): Promise<Run> {
    const run = runMain(env, (out) => out.includes(ready), cwd);
    try {
      await run.ready;
      const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
      expect(health.status).toBe(200);
    } catch (error) {
      // Never leave the app running behind a failed test.
      run.child.kill("SIGKILL");
      throw error;
    }
    run.child.kill("SIGTERM");
    const result = await run.done;
    expect(result.code).toBe(0);
    return result;
  }

  it("starts twice with only the Slack variables on the embedded database and stops cleanly on SIGTERM", async () => {
    const cwd = await folderWithDatabase("delegering-fresh-");
    const slack = await new FakeSlack().start();
    // Only the Slack variables a user sets (SLACK_API_URL points at the local stand-in, never slack.com).
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01", PORT: String(await freePort()), SLACK_API_URL: slack.url };
    try {
      for (const _round of [1, 2]) {
        const result = await startCheckAndStop(env, "Delegering is running", cwd);
        expect(result.stdout).toContain("embedded in");
        expect(result.stdout).toContain(join(cwd, "data"));
        expect(result.stdout).toContain("Slack: signed in as delegering");
      }
    } finally {
      await slack.stop();
      await rm(cwd, { recursive: true, force: true });
    }
  }, 180_000);

  it("on a fresh start makes DATA_DIR and everything in it its user's only, and closes a DATA_DIR left open to others", async () => {
    // No copy of the prepared database: the embedded engine creates every file itself.
    const cwd = await mkdtemp(join(tmpdir(), "delegering-private-"));
    const data = join(cwd, "data");
    const slack = await new FakeSlack().start();
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01", PORT: String(await freePort()), SLACK_API_URL: slack.url };
    /** Entries under DATA_DIR that someone other than its owner may read, write or enter. */
    const openToOthers = async () => {
      const entries = await readdir(data, { recursive: true, withFileTypes: true });
      const modes = await Promise.all([data, ...entries.map((e) => join(e.parentPath, e.name))].map(async (p) => [p, (await stat(p)).mode & 0o777] as const));
      return modes.filter(([, mode]) => (mode & 0o077) !== 0).map(([p, mode]) => `${p} ${mode.toString(8)}`);
    };
    try {
      await startCheckAndStop(env, "Delegering is running", cwd);
      expect((await readdir(join(data, "pgdata"))).length).toBeGreaterThan(10);
      expect(await openToOthers()).toEqual([]);

      // As an earlier version left it: the folder open to everyone.
      await chmod(data, 0o755);
      const again = await startCheckAndStop(env, "Delegering is running", cwd);
      expect((await stat(data)).mode & 0o777).toBe(0o700);
      expect(again.stderr).toContain("was open to other users (mode 755); it is now 0700");
    } finally {
      await slack.stop();
      await rm(cwd, { recursive: true, force: true });
    }
  }, 240_000);

  it("keeps running when Slack cannot be reached at start, says so, and stops cleanly", async () => {
    const cwd = await folderWithDatabase("delegering-offline-");
    // Nothing listens on this port: every Web API call fails to connect.
    const deadSlack = `http://127.0.0.1:${await freePort()}/api/`;
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01", PORT: String(await freePort()), SLACK_API_URL: deadSlack };
    try {
      const result = await startCheckAndStop(env, "Slack did not answer auth.test", cwd);
      expect(result.stderr).toContain("check SLACK_BOT_TOKEN and the network");
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 180_000);

  it("in Socket Mode keeps running when Slack cannot be reached, with one plain line and no stack trace", async () => {
    const cwd = await folderWithDatabase("delegering-offline-socket-");
    const deadSlack = `http://127.0.0.1:${await freePort()}/api/`;
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_CASE_CHANNEL: "C0CASES01", PORT: String(await freePort()), SLACK_API_URL: deadSlack };
    try {
      const result = await startCheckAndStop(env, "Delegering is running", cwd);
      const said = result.stderr.split("\n").filter((l) => l.includes("Slack Socket Mode could not connect"));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`${deadSlack}apps.connections.open`);
      expect(said[0]).toContain("SLACK_APP_TOKEN");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 180_000);
});
