import type { Runtime } from "../runtime.js";
import { within } from "../within.js";

/**
 * How long a request waits for Slack's answer before it goes on with what is cached: the
 * permission checks run before the ack, and Slack wants the ack within 3 seconds.
 */
export const lookupWaitMs = 1500;

export interface CachedLookupOptions<V> {
  /** how long an answer is trusted */
  ttlMs: number;
  /** the call as the log names it: "users.info for U0123" */
  describe: (key: string) => string;
  fetch: (key: string) => Promise<V>;
  /** answers kept at most; the oldest is dropped first */
  maxEntries?: number;
}

/**
 * Something the app asks Slack for (a group's members, whether a person is a guest), kept per key
 * for a while. One lookup per key at a time: a burst of clicks after expiry shares it, and a slow
 * one goes on in the background and fills the cache when it answers.
 */
export class CachedLookup<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly rt: Runtime,
    private readonly options: CachedLookupOptions<V>,
  ) {}

  /**
   * The fresh answer, else Slack's within lookupWaitMs, else the last answer however old (a stale
   * answer beats refusing everyone while Slack hiccups); undefined when there has never been one.
   */
  async get(key: string): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (entry && this.rt.now().getTime() - entry.at < this.options.ttlMs) return entry.value;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.options
        .fetch(key)
        .then((value) => this.keep(key, value))
        .catch((error: unknown) => this.rt.logger.error(`${this.options.describe(key)} failed: ${String(error)}`))
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const answer = await within(pending, lookupWaitMs, "late" as const);
    const known = this.entries.get(key);
    if (answer === "late") this.rt.logger.warn(`${this.options.describe(key)} is slow: going on with ${known ? "the cached answer" : "no answer"}`);
    return known?.value;
  }

  private keep(key: string, value: V): void {
    // Re-inserted so the Map's order stays oldest first.
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.rt.now().getTime() });
    const max = this.options.maxEntries ?? Infinity;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }
}
