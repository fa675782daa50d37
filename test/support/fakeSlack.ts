import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call the app made, with its arguments decoded as Slack decodes them. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  response: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

type Block = Record<string, unknown>;

/**
 * A way Slack fails, for one method or every one ("*"): an `ok: false` answer with `error`, or an
 * HTTP status (5xx; 429 with `retryAfter` seconds). Lasts until `until` (Date.now() ms) or for
 * `times` calls, and only for calls whose arguments `match`, when given.
 */
export interface Outage {
  error?: string;
  status?: number;
  retryAfter?: number;
  until?: number;
  times?: number;
  match?: (args: Record<string, unknown>) => boolean;
}

/** A message as Slack keeps it in a conversation (what conversations.history/replies answer). */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: unknown;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown> | string;
}

// What Slack refuses (DESIGN.md, "Testing with real parts"). Returns the first problem or null.
function blockProblems(blocks: unknown, where: "message" | "view"): string | null {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  const max = where === "message" ? 50 : 100;
  if (blocks.length > max) return `more than ${max} blocks`;
  const actionIds = new Set<string>();
  const check = (el: Block): string | null => {
    if (typeof el.action_id === "string") {
      if (actionIds.has(el.action_id)) return `duplicate action_id ${el.action_id}`;
      actionIds.add(el.action_id);
    }
    if (el.type === "button") {
      const text = (el.text as Block | undefined)?.text;
      if (typeof text !== "string" || text.length === 0 || text.length > 75) return "button text empty or over 75";
      if (typeof el.value === "string" && el.value.length > 2000) return "button value over 2000";
    }
    const options = [
      ...((el.options as Block[] | undefined) ?? []),
      ...((el.option_groups as Array<{ options: Block[] }> | undefined)?.flatMap((g) => g.options) ?? []),
    ];
    if (options.length > 100) return "more than 100 options";
    for (const o of options) {
      const text = (o.text as Block | undefined)?.text;
      if (typeof text !== "string" || text.length === 0 || text.length > 75) return "option text empty or over 75";
      if (typeof o.value !== "string" || o.value.length > 150) return "option value missing or over 150";
    }
    return null;
  };
  for (const raw of blocks) {
    const b = raw as Block;
    // Slack wants action_ids unique within a block, not across the message or view.
    actionIds.clear();
    if (typeof b.type !== "string") return "block without type";
    if (b.type === "input" && where === "message") return "input blocks are not allowed in messages";
    if (typeof b.block_id === "string" && b.block_id.length > 255) return "block_id over 255";
    const text = b.text as Block | undefined;
    if (text && typeof text.text === "string") {
      if (b.type === "header" && text.text.length > 150) return "header text over 150";
      if (text.text.length > 3000) return "section text over 3000";
      if (text.text.length === 0) return "empty text";
    }
    if (Array.isArray(b.fields) && b.fields.length > 10) return "more than 10 fields";
    for (const f of (b.fields as Block[] | undefined) ?? []) {
      if (typeof f.text === "string" && f.text.length > 2000) return "field text over 2000";
    }
    const elements = [
      ...((b.elements as Block[] | undefined) ?? []),
      ...(b.element ? [b.element as Block] : []),
      ...(b.accessory ? [b.accessory as Block] : []),
    ];
    if (b.type === "actions" && elements.length > 25) return "more than 25 elements in actions";
    for (const el of elements) {
      const problem = check(el);
      if (problem) return problem;
    }
    if (b.type === "input") {
      const label = (b.label as Block | undefined)?.text;
      if (typeof label !== "string" || label.length > 2000) return "input label missing or over 2000";
    }
  }
  return null;
}

function viewProblems(view: Block | undefined): string | null {
  if (!view) return "view missing";
  for (const key of ["title", "submit", "close"] as const) {
    const text = (view[key] as Block | undefined)?.text;
    if (key === "title" && view.type === "modal" && typeof text !== "string") return "modal without title";
    if (typeof text === "string" && text.length > 24) return `${key} over 24 characters`;
  }
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) return "private_metadata over 3000";
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) return "callback_id over 255";
  return blockProblems(view.blocks ?? [], "view");
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A local stand-in for Slack's Web API: records every call, answers as Slack does, and
 * refuses what Slack refuses. Also takes posts to response_url (`/response/<id>`).
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: Array<{ id: string; content: string }> = [];
  /** files people "uploaded" (file_input): id → content, answered by files.info and url_private */
  readonly files = new Map<string, string | Uint8Array>();
  /** the Authorization header of every url_private download, in order */
  readonly downloads: Array<{ id: string; authorization: string | undefined }> = [];
  /** file id → the url_private files.info hands out instead of the fake's own (a file said to be elsewhere) */
  readonly fileUrls = new Map<string, string>();
  /** file id → where its download redirects (302) instead of answering */
  readonly fileRedirects = new Map<string, string>();
  /** usergroup id → member ids, for usergroups.users.list */
  readonly usergroups = new Map<string, string[]>();
  /**
   * user id → users.info's guest flags: `is_restricted` (a multi-channel guest; Slack sets it for a
   * single-channel guest too) and `is_ultra_restricted` (a single-channel guest). Anyone not here
   * is a full member; an id that is not a user id is user_not_found.
   */
  readonly users = new Map<string, { is_restricted?: boolean; is_ultra_restricted?: boolean }>();
  /** methods forced to fail with the given error */
  readonly failures = new Map<string, string>();
  /** channels the app is not a member of: posting there is refused */
  readonly notInChannel = new Set<string>();
  /** the ways Slack fails now (see fail()) */
  private readonly outages: Array<{ method: string; outage: Outage }> = [];
  /** chat.postMessage at most this many a second per channel, beyond that 429 with Retry-After (see rateLimit()) */
  private postLimit: { perSecond: number; retryAfter: number } | undefined;
  private readonly recentPosts = new Map<string, number[]>();
  /** what each conversation holds, oldest first (posted, updated and deleted by the app) */
  readonly messages: StoredMessage[] = [];
  /** methods whose answers are held after Slack has done what was asked (a lost answer) */
  private readonly takenBeforeHold = new Set<string>();
  /** Web API methods as their requests arrive (before any hold; `calls` records the answers) */
  readonly arrived: string[] = [];
  /** methods whose answers wait until the test releases them (a slow Slack) */
  private readonly holds = new Map<string, Promise<void>>();
  /** view id → its current hash: every update gives a new one, as Slack does */
  private readonly viewHashes = new Map<string, string>();
  private hashSeq = 0;
  private server: Server | undefined;
  private seq = 0;
  private waiters: Array<() => void> = [];
  url = "";
  base = "";
  /** what apps.connections.open hands out (a local Socket Mode server) */
  socketUrl = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (req.url?.startsWith("/files/")) {
        // url_private: only with the bot token, as Slack answers a login page otherwise.
        const id = req.url.slice("/files/".length);
        this.downloads.push({ id, authorization: req.headers.authorization });
        const redirect = this.fileRedirects.get(id);
        if (redirect !== undefined) {
          res.writeHead(302, { location: redirect });
          res.end();
          return;
        }
        const content = this.files.get(id);
        const authorized = /^Bearer xoxb-/.test(req.headers.authorization ?? "");
        res.writeHead(content !== undefined && authorized ? 200 : authorized ? 404 : 200, { "content-type": authorized ? "text/csv" : "text/html" });
        res.end(authorized ? (content ?? "") : "<!DOCTYPE html><html>sign in</html>");
        return;
      }
      void this.handle(req).then(
        (answer) => {
          const json = typeof answer.body !== "string";
          res.writeHead(answer.status, { "content-type": json ? "application/json" : "text/html", ...answer.headers });
          res.end(json ? JSON.stringify(answer.body) : answer.body);
        },
        (error: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, error: String(error) }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    this.url = `${this.base}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /**
   * Holds every answer of `method` until the returned function is called. `taken`: Slack has
   * already done what was asked (the message is posted) and only the answer waits, as when a
   * process dies between Slack's work and its answer.
   */
  hold(method: string, options: { taken?: boolean } = {}): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    if (options.taken) this.takenBeforeHold.add(method);
    return () => {
      this.holds.delete(method);
      this.takenBeforeHold.delete(method);
      release();
    };
  }

  /** Fails `method` ("*": every method) the way `outage` says, until the returned function is called (or it runs out). */
  fail(method: string, outage: Outage): () => void {
    const entry = { method, outage: { ...outage } };
    this.outages.push(entry);
    return () => {
      const at = this.outages.indexOf(entry);
      if (at >= 0) this.outages.splice(at, 1);
    };
  }

  /** chat.postMessage at most `perSecond` a second per channel; beyond that HTTP 429 with `Retry-After: retryAfter`. Undefined: no limit. */
  rateLimit(limit: { perSecond: number; retryAfter: number } | undefined): void {
    this.postLimit = limit;
    this.recentPosts.clear();
  }

  /** The app's messages in a conversation carrying Slack message metadata of `eventType`, by its event_payload. */
  withMetadata(eventType: string): StoredMessage[] {
    return this.messages.filter((m) => m.metadata?.event_type === eventType);
  }

  responseUrl(): string {
    return `${this.base}/response/${++this.seq}`;
  }

  /**
   * A response_action "update" in an ack replaced the view: Slack gives it a new hash (and never
   * tells the app which). The test driver calls this, since acks never reach this stand-in.
   */
  viewUpdatedByAck(viewId: string): string {
    return this.newHash(viewId);
  }

  /** The hash the view has now (what Slack puts in the next payload from it). */
  hashOf(viewId: string): string | undefined {
    return this.viewHashes.get(viewId);
  }

  private newHash(viewId: string): string {
    const hash = `h${++this.hashSeq}.${viewId}`;
    this.viewHashes.set(viewId, hash);
    return hash;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Every text the app sent to Slack, flattened, for "appears nowhere" assertions. */
  allText(): string {
    return JSON.stringify([this.calls.map((c) => c.args), this.responses.map((r) => r.body), this.uploads]);
  }

  /** Resolves when the predicate holds (checked after every recorded call). */
  async waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeSlack.waitFor timed out; calls: ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w();
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", this.base).pathname;
    if (path.startsWith("/response/")) {
      this.responses.push({ id: path.slice("/response/".length), body: decode(raw, req.headers["content-type"]) });
      this.notify();
      return { status: 200, body: { ok: true } };
    }
    if (path.startsWith("/upload/")) {
      this.uploads.push({ id: path.slice("/upload/".length), content: raw });
      this.notify();
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, "");
    const args = decode(raw, req.headers["content-type"]);
    this.arrived.push(method);
    this.notify();
    const taken = this.takenBeforeHold.has(method) ? this.failOrAnswer(method, args) : undefined;
    await this.holds.get(method);
    const answer = taken ?? this.failOrAnswer(method, args);
    const response = typeof answer.body === "string" ? { ok: false, error: `HTTP ${answer.status}` } : answer.body;
    this.calls.push({ method, args, response });
    this.notify();
    return answer;
  }

  /** The outage in force for this call, if any (one that runs out by count is used up here). */
  private outageFor(method: string, args: Record<string, unknown>): Outage | undefined {
    const now = Date.now();
    for (const entry of this.outages) {
      const { outage } = entry;
      if (entry.method !== "*" && entry.method !== method) continue;
      if (outage.until !== undefined && now >= outage.until) continue;
      if (outage.times !== undefined && outage.times <= 0) continue;
      if (outage.match && !outage.match(args)) continue;
      if (outage.times !== undefined) outage.times -= 1;
      return outage;
    }
    return undefined;
  }

  private failOrAnswer(method: string, args: Record<string, unknown>): Answer {
    const outage = this.outageFor(method, args);
    if (outage?.retryAfter !== undefined) return this.rateLimited(outage.retryAfter);
    if (outage?.status !== undefined) return { status: outage.status, body: `<html><body>${outage.status}</body></html>` };
    if (outage?.error) return { status: 200, body: { ok: false, error: outage.error } };
    if (method === "chat.postMessage" && this.postLimit && typeof args.channel === "string" && this.overLimit(args.channel)) return this.rateLimited(this.postLimit.retryAfter);
    return { status: 200, body: this.answer(method, args) };
  }

  private rateLimited(retryAfter: number): Answer {
    return { status: 429, headers: { "retry-after": String(retryAfter) }, body: { ok: false, error: "ratelimited" } };
  }

  /** Whether one more post to `channel` now goes beyond the limit (a post that is refused does not count). */
  private overLimit(channel: string): boolean {
    const now = Date.now();
    const recent = (this.recentPosts.get(channel) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= this.postLimit!.perSecond) {
      this.recentPosts.set(channel, recent);
      return true;
    }
    recent.push(now);
    this.recentPosts.set(channel, recent);
    return false;
  }

  /** conversations.history (top-level messages, newest first) and conversations.replies (a thread, oldest first), paged by an offset cursor. */
  private conversation(method: "conversations.history" | "conversations.replies", args: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof args.channel === "string" ? args.channel : "";
    const oldest = Number(args.oldest ?? 0);
    let found =
      method === "conversations.history"
        ? this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts) && Number(m.ts) >= oldest).reverse()
        : this.messages.filter((m) => m.channel === channel && (m.ts === args.ts || m.thread_ts === args.ts));
    if (method === "conversations.replies" && found.length === 0) return { ok: false, error: "thread_not_found" };
    const start = Number(args.cursor ?? 0) || 0;
    const limit = Number(args.limit ?? 100) || 100;
    const page = found.slice(start, start + limit);
    const more = start + limit < found.length;
    found = page;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    return {
      ok: true,
      messages: found.map((m) => ({ type: "message", ts: m.ts, thread_ts: m.thread_ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) })),
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : "" },
    };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const forced = this.failures.get(method);
    if (forced) return { ok: false, error: forced };
    const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
    const messageProblem = () => {
      if (!args.text && !args.blocks && !args.attachments) return "no_text";
      return args.blocks ? blockProblems(args.blocks, "message") : null;
    };
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://test.slack.com/", team: "Test", user: "delegering", team_id: "T0TEST", user_id: "U0BOT", bot_id: "B0BOT" };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (typeof args.channel === "string" && this.notInChannel.has(args.channel)) return { ok: false, error: "not_in_channel" };
        const problem = messageProblem();
        if (problem) return { ok: false, error: problem === "no_text" ? "no_text" : "invalid_blocks", response_metadata: { messages: [problem] } };
        const t = ts();
        const metadata = (typeof args.metadata === "string" ? safeJson(args.metadata) : args.metadata) as StoredMessage["metadata"];
        this.messages.push({
          channel: typeof args.channel === "string" ? args.channel : "",
          ts: t,
          ...(typeof args.thread_ts === "string" ? { thread_ts: args.thread_ts } : {}),
          text: args.text,
          blocks: args.blocks,
          ...(metadata && typeof metadata === "object" ? { metadata } : {}),
        });
        return { ok: true, channel: args.channel, ts: t, message: { ts: t, text: args.text, blocks: args.blocks } };
      }
      case "conversations.history":
      case "conversations.replies":
        return this.conversation(method, args);
      case "chat.delete": {
        const at = this.messages.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
        if (at < 0) return { ok: false, error: "message_not_found" };
        this.messages.splice(at, 1);
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "chat.update": {
        if (!args.channel || !args.ts) return { ok: false, error: "message_not_found" };
        const problem = messageProblem();
        if (problem) return { ok: false, error: "invalid_blocks", response_metadata: { messages: [problem] } };
        const kept = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (kept) {
          kept.text = args.text;
          kept.blocks = args.blocks;
        }
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case "chat.postEphemeral": {
        const problem = messageProblem();
        if (problem) return { ok: false, error: "invalid_blocks", response_metadata: { messages: [problem] } };
        return { ok: true, message_ts: ts() };
      }
      case "chat.getPermalink":
        return { ok: true, channel: args.channel, permalink: `https://test.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace(".", "")}` };
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = (typeof args.view === "string" ? safeJson(args.view) : args.view) as Block | undefined;
        const problem = viewProblems(view);
        if (problem) return { ok: false, error: "invalid_arguments", response_metadata: { messages: [problem] } };
        const id = typeof args.view_id === "string" ? args.view_id : `V${String(++this.seq).padStart(8, "0")}`;
        // views.update with the hash of a view that changed since: refused, as Slack does.
        const current = this.viewHashes.get(id);
        if (method === "views.update" && typeof args.hash === "string" && current !== undefined && args.hash !== current) return { ok: false, error: "hash_conflict" };
        return { ok: true, view: { ...view, id, hash: this.newHash(id), root_view_id: id } };
      }
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "invalid_auth" };
      case "conversations.open":
        return { ok: true, channel: { id: `D${(typeof args.users === "string" ? args.users : "").replace(/^U/, "")}` } };
      case "usergroups.users.list": {
        const users = this.usergroups.get(String(args.usergroup));
        return users ? { ok: true, users } : { ok: false, error: "no_such_subteam" };
      }
      case "users.info": {
        const id = typeof args.user === "string" ? args.user : "";
        if (!/^[UW][A-Z0-9]{2,}$/.test(id)) return { ok: false, error: "user_not_found" };
        const flags = this.users.get(id);
        return {
          ok: true,
          user: {
            id,
            team_id: "T0TEST",
            name: id.toLowerCase(),
            deleted: false,
            is_admin: false,
            is_owner: false,
            is_bot: false,
            is_app_user: false,
            is_restricted: flags?.is_restricted ?? false,
            is_ultra_restricted: flags?.is_ultra_restricted ?? false,
            tz: "Europe/Oslo",
            locale: "nb-NO",
          },
        };
      }
      case "files.info": {
        const id = typeof args.file === "string" ? args.file : "";
        const content = this.files.get(id);
        if (content === undefined) return { ok: false, error: "file_not_found" };
        return { ok: true, file: { id, name: `${id}.csv`, mimetype: "text/csv", size: Buffer.byteLength(content), url_private: this.fileUrls.get(id) ?? `${this.base}/files/${id}` } };
      }
      case "files.getUploadURLExternal": {
        const id = `F${String(++this.seq).padStart(8, "0")}`;
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return { ok: true, files: (args.files as Array<{ id: string }> | undefined)?.map((f) => ({ id: f.id })) ?? [] };
      default:
        return { ok: true };
    }
  }
}
