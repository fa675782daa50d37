import { ImapFlow } from "imapflow";
import { doublingDelay } from "../domain/backoff.js";
import { redactIdentityNumbers } from "../domain/identityNumbers.js";
import { unreadableMail, type MailFacts } from "../domain/inboundMail.js";
import { handleInbound } from "../service/inbound.js";
import { databaseAnswers, mailboxCursor, mailboxHandled, oldestOpenCase, restartMailbox } from "../service/mailbox.js";
import type { Services } from "../service/services.js";
import type { Worker } from "../service/worker.js";
import { within } from "../within.js";
import { parseMail } from "./parseMail.js";

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  path: string;
  /** the cursor's key: user, host and folder (never the password) */
  mailbox: string;
}

/** imap://user:pass@host:port/INBOX (imaps:// for TLS); the folder defaults to INBOX. */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const path = decodeURIComponent(u.pathname.replace(/^\/+/, "")) || "INBOX";
  const user = decodeURIComponent(u.username);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user,
    pass: decodeURIComponent(u.password),
    path,
    mailbox: `${user}@${u.hostname}/${path}`,
  };
}

/**
 * How long reading one message may take. mailparser works in steps, so the timer gets its turn
 * (a regex does not: every pattern run over mail is linear). The parse itself runs on in the
 * background: simpleParser takes no AbortSignal.
 */
const parseCapMs = 30_000;

/**
 * The message's facts, already redacted; a message mailparser cannot read, or not within
 * `capMs`, counts as ordinary mail with nothing to match (`late` says which).
 */
export async function readFacts(source: Buffer, capMs = parseCapMs): Promise<{ facts: MailFacts; late: boolean }> {
  try {
    const facts = await within(parseMail(source), capMs, null);
    return facts ? { facts, late: false } : { facts: unreadableMail, late: true };
  } catch {
    return { facts: unreadableMail, late: false };
  }
}

// Bigger messages are read in part: Brreg's reply is a short text, and the part is enough to
// classify anything else.
export const maxSourceBytes = 5 * 1024 * 1024;
const backoffMinMs = 1000;
const backoffMaxMs = 60_000;
/**
 * A message that fails while the database answers is tried again, with growing pauses, and only
 * passed over after this many tries spread over at least this long: a passing hiccup (a lock
 * wait, a pool timeout) must never cost Brreg's confirmation.
 */
const passOverAfter = { tries: 5, ms: 15 * 60_000 };

/**
 * A wake-up that one of several things can trigger: new mail, a dropped connection, stop. A
 * trigger while nobody waits is kept, so mail arriving during a catch-up is not slept through.
 */
class Wakeup {
  private waiters: Array<() => void> = [];
  private pending = false;
  trigger(): void {
    if (this.waiters.length === 0) this.pending = true;
    for (const w of this.waiters.splice(0)) w();
  }
  clear(): void {
    this.pending = false;
  }
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.push(done);
    });
  }
}

/**
 * Follows the team mailbox: IDLE where the server offers it, polling every IMAP_POLL_SECONDS
 * where not. After a dropped connection it makes a new client (an ImapFlow cannot reconnect)
 * with backoff, and catches up from the last UID it processed (MailboxCursor).
 */
export function createInboxWatcher(svc: Services, imapUrl: string): Worker {
  const { rt } = svc;
  const target = parseImapUrl(imapUrl);
  const pollMs = rt.config.mail.imapPollSeconds * 1000;
  /** news on the current connection */
  const wakeup = new Wakeup();
  /** stop(): ends the backoff pause too */
  const stopped = new Wakeup();
  let stopping = false;
  let client: ImapFlow | undefined;
  let loop: Promise<void> | undefined;
  /** failed connections in a row, for the backoff */
  let attempt = 0;
  /** failed tries per message (UID) while the database answered, and when the first was */
  const failures = new Map<bigint, { tries: number; since: number }>();
  /** the failing message's tries, for the pause before the next connection */
  let messageTries = 0;

  const say = (error: unknown) => redactIdentityNumbers(error instanceof Error ? error.message : String(error));

  /**
   * Where to start when the mailbox is new to us or its UIDVALIDITY changed (its old UIDs mean
   * nothing now). The oldest open case bounds what can still matter, and after a UIDVALIDITY
   * change so does the last time we read it; older mail (a team mailbox holds years of it) would
   * only flood the channel. Mail handled before is recognised by its Message-ID.
   */
  async function startingUid(c: ImapFlow, uidNext: number, lastRead: Date | undefined): Promise<bigint> {
    const oldest = await oldestOpenCase(svc);
    const bounds = [oldest ?? undefined, lastRead].filter((d): d is Date => d !== undefined);
    if (bounds.length > 0) {
      // SEARCH SINCE compares dates only, in the server's time zone: a day's margin.
      const since = new Date(Math.min(...bounds.map((d) => d.getTime())) - 24 * 3600 * 1000);
      const uids = await c.search({ since }, { uid: true });
      // Not Math.min(...uids): a busy mailbox gives more UIDs than a call may take arguments.
      if (uids && uids.length > 0) return BigInt(uids.reduce((a, b) => (b < a ? b : a)) - 1);
    }
    return BigInt(Math.max(uidNext - 1, 0));
  }

  async function catchUp(c: ImapFlow, uidValidity: bigint): Promise<void> {
    const cursor = await mailboxCursor(svc, target.mailbox);
    const lastUid = cursor?.lastUid ?? 0n;
    const found = await c.search({ uid: `${lastUid + 1n}:*` }, { uid: true });
    // "n:*" always names the newest message, even when it is older than n.
    const uids = (found || []).map(BigInt).filter((u) => u > lastUid).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const uid of uids) {
      if (stopping) return;
      const msg = await c.fetchOne(String(uid), { uid: true, internalDate: true, source: { maxLength: maxSourceBytes } }, { uid: true });
      if (msg && msg.source) {
        const internal = msg.internalDate;
        const receivedAt = internal instanceof Date ? internal : internal ? new Date(internal) : rt.now();
        try {
          const read = await readFacts(msg.source);
          if (read.late) rt.logger.warn(`mailbox ${target.mailbox}: message ${uid} not read within ${parseCapMs / 1000} s, taken as unreadable`);
          const outcome = await handleInbound(svc, { mailbox: target.mailbox, uidValidity, uid, receivedAt }, read.facts);
          rt.logger.info(`mailbox ${target.mailbox}: message ${uid} ${outcome.classification}${outcome.reference ? ` (${outcome.reference})` : ""}`);
        } catch (error) {
          await passOverOrThrow(uid, error);
        }
      }
      failures.delete(uid);
      await mailboxHandled(svc, target.mailbox, uidValidity, uid);
    }
  }

  /**
   * A message that fails while the database answers is tried again on the next passes; one that
   * keeps failing would hold up every mail behind it, so after tries over a quarter of an hour it
   * is logged, told to the case channel and passed over. With the database down the failure is
   * nobody's message's fault: thrown, tried later.
   */
  async function passOverOrThrow(uid: bigint, error: unknown): Promise<void> {
    if (!(await databaseAnswers(svc))) throw error;
    const now = rt.now().getTime();
    const failing = failures.get(uid) ?? { tries: 0, since: now };
    failing.tries += 1;
    failures.set(uid, failing);
    if (failing.tries < passOverAfter.tries || now - failing.since < passOverAfter.ms) {
      messageTries = failing.tries;
      throw error;
    }
    rt.logger.error(`mailbox ${target.mailbox}: message ${uid} failed ${failing.tries} times, passed over: ${say(error)}`);
    await svc.notifier.mailPassedOver({ mailbox: target.mailbox, uid: String(uid), error: say(error) });
  }

  /** One connection's life: connect, catch up, then wait for news until it drops or we stop. */
  async function session(): Promise<void> {
    const c = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.pass },
      // Its logs can quote server lines about messages; ours say what matters.
      logger: false,
      disableAutoIdle: true,
    });
    client = c;
    wakeup.clear();
    c.on("error", (error: unknown) => rt.logger.warn(`mailbox ${target.mailbox}: ${say(error)}`));
    c.on("exists", () => wakeup.trigger());
    c.on("close", () => wakeup.trigger());
    try {
      await c.connect();
      const box = await c.mailboxOpen(target.path, { readOnly: true });
      const uidValidity = BigInt(box.uidValidity);
      const cursor = await mailboxCursor(svc, target.mailbox);
      if (!cursor || cursor.uidValidity !== uidValidity) {
        if (cursor) rt.logger.warn(`mailbox ${target.mailbox}: UIDVALIDITY changed, reading it anew`);
        await restartMailbox(svc, target.mailbox, uidValidity, await startingUid(c, box.uidNext, cursor?.updatedAt));
      }
      const idle = c.capabilities.has("IDLE");
      rt.logger.info(`mailbox ${target.mailbox}: connected, ${idle ? "waiting with IDLE" : `polling every ${pollMs / 1000} s`}`);
      attempt = 0;
      while (!stopping && c.usable) {
        await catchUp(c, uidValidity);
        if (stopping || !c.usable) break;
        svc.metrics.imapPassSucceeded(rt.now());
        if (idle) {
          // The next command (the catch-up's SEARCH) breaks the IDLE; polling stays as a safety net.
          void c.idle().catch(() => undefined);
          await wakeup.wait(pollMs);
        } else {
          await wakeup.wait(pollMs);
          if (!stopping && c.usable) await c.noop();
        }
      }
    } finally {
      client = undefined;
      if (c.usable) await c.logout().catch(() => undefined);
      else c.close();
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      try {
        await session();
        if (stopping) return;
        rt.logger.warn(`mailbox ${target.mailbox}: connection closed`);
      } catch (error) {
        if (stopping) return;
        rt.logger.warn(`mailbox ${target.mailbox}: ${say(error)}`);
      }
      attempt += 1;
      // A message that keeps failing grows the pause too, though each reconnect succeeds.
      const level = Math.max(attempt, messageTries);
      messageTries = 0;
      const delay = doublingDelay(level, backoffMinMs, backoffMaxMs) * (0.8 + Math.random() * 0.4);
      rt.logger.info(`mailbox ${target.mailbox}: reconnecting in ${Math.round(delay / 100) / 10} s`);
      await stopped.wait(delay);
    }
  }

  return {
    name: "inbox",
    start() {
      loop ??= run();
    },
    async stop() {
      stopping = true;
      wakeup.trigger();
      stopped.trigger();
      // Logging out breaks an IDLE at once; a message being handled finishes first. A connect
      // still under way (a host that does not answer) is cut, not waited out.
      const c = client;
      if (c?.usable) void c.logout().catch(() => undefined);
      else c?.close();
      await loop;
    },
  };
}
