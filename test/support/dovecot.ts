import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, closeSync, openSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./app.js";

const script = resolve(import.meta.dirname, "../../scripts/test-dovecot.sh");

// Dovecot daemonizes and keeps the fds it was started with: with pipes, the child's streams
// would never close. Its output goes to a file, and only the script's exit is awaited.
async function run(dir: string, args: string[]): Promise<void> {
  const logPath = join(dir, "script.log");
  const fd = openSync(logPath, "a");
  try {
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(script, args, { stdio: ["ignore", fd, fd] });
      child.once("error", fail);
      child.once("exit", (c) => done(c));
    });
    if (code !== 0) throw new Error(`scripts/test-dovecot.sh ${args.join(" ")} failed (${code}):\n${await readFile(logPath, "utf8")}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the mail-server tests can run. Without `dovecot` they skip, unless REQUIRE_DOVECOT=1
 * (CI), where a missing server is a failure rather than a silent skip.
 */
export function hasDovecot(): boolean {
  const found = spawnSync("sh", ["-c", "command -v dovecot"], { stdio: "ignore" }).status === 0;
  if (!found && process.env.REQUIRE_DOVECOT === "1") {
    throw new Error("REQUIRE_DOVECOT=1 but dovecot is not installed (apt-get install dovecot-imapd)");
  }
  return found;
}

/** A throwaway Dovecot of one test file: its own directory and port, user test / password test. */
export class TestDovecot {
  private constructor(
    readonly dir: string,
    readonly port: number,
    /** false: the server does not offer IDLE, so clients must poll */
    readonly idle: boolean,
  ) {}

  /** imap://test:test@127.0.0.1:<port>/INBOX */
  get url(): string {
    return `imap://test:test@127.0.0.1:${this.port}/INBOX`;
  }

  static async start(options: { idle?: boolean } = {}): Promise<TestDovecot> {
    const dir = await mkdtemp(join(tmpdir(), "delegering-dovecot-"));
    const server = new TestDovecot(dir, await freePort(), options.idle ?? true);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    await run(this.dir, ["start", this.dir, String(this.port)]);
    if (!this.idle) {
      // The capabilities a client sees after login, as Dovecot's default minus IDLE; new
      // sessions get them once the server has reloaded its configuration.
      appendFileSync(join(this.dir, "dovecot.conf"), "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS CHILDREN\n");
      const reload = spawnSync("doveadm", ["-c", join(this.dir, "dovecot.conf"), "reload"], { encoding: "utf8" });
      if (reload.status !== 0) throw new Error(`doveadm reload failed: ${reload.stderr}`);
      for (let i = 0; (await this.capabilities()).has("IDLE"); i++) {
        if (i > 100) throw new Error("Dovecot still offers IDLE after the reload");
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private async capabilities(): Promise<Map<string, boolean | number>> {
    const client = this.client();
    await client.connect();
    const caps = new Map(client.capabilities);
    await client.logout().catch(() => undefined);
    return caps;
  }

  private client(): ImapFlow {
    return new ImapFlow({ host: "127.0.0.1", port: this.port, secure: false, auth: { user: "test", pass: "test" }, logger: false });
  }

  /** Stops the server and drops its client connections, as a server going down would. */
  async stop(): Promise<void> {
    // Dovecot's imap processes can outlive the master by seconds; kick them first.
    spawnSync("doveadm", ["-c", join(this.dir, "dovecot.conf"), "kick", "test"], { stdio: "ignore" });
    await run(this.dir, ["stop", this.dir]);
  }

  /** Stores a message in INBOX, as a mail delivery would (needs the server running). */
  async append(raw: string): Promise<void> {
    const client = this.client();
    await client.connect();
    try {
      await client.append("INBOX", raw.replace(/\r?\n/g, "\r\n"));
    } finally {
      await client.logout().catch(() => undefined);
    }
  }

  async dispose(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
