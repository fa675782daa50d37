import { redactIdentityNumbers } from "../domain/identityNumbers.js";
import { UnsafeMailError } from "./outgoingMail.js";

/** A failed send, as the outbox sees it: try again later, or stop and tell a person. */
export interface SendFailure {
  temporary: boolean;
  /** the server's answer (or the local error), safe to store and show: one line, no identity numbers */
  text: string;
}

// An SMTP reply code decides: 4xx temporary, 5xx permanent. Without one, these codes mean our
// own setup or message is wrong, which retrying cannot fix; every other error (connection
// refused or reset, timeouts, DNS, TLS, a garbled reply) means the server could not be reached
// or talked to right now.
const permanentCodes = new Set(["ECONFIG", "EENVELOPE", "EMESSAGE", "ENOAUTH", "EAUTH", "EFILEACCESS", "EURLACCESS", "EMAXRECIPIENTS"]);

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function oneLine(text: string): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
  return redactIdentityNumbers(flat.length > 500 ? `${flat.slice(0, 497)}...` : flat);
}

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof UnsafeMailError) return { temporary: false, text: oneLine(error.message) };
  const responseCode = field(error, "responseCode");
  const response = field(error, "response");
  const code = field(error, "code");
  const message = error instanceof Error ? error.message : String(error);
  const text = oneLine(typeof response === "string" && response ? response : `${typeof code === "string" ? `${code}: ` : ""}${message}`);
  if (typeof responseCode === "number" && responseCode >= 400 && responseCode < 600) return { temporary: responseCode < 500, text };
  if (typeof code === "string" && permanentCodes.has(code)) return { temporary: false, text };
  // Unknown trouble is treated as passing: the give-up window still bounds the retries.
  return { temporary: true, text };
}

/** Seconds to wait after the n-th failed attempt (n ≥ 1): min, doubling, capped at max. */
export function retryDelaySeconds(failedAttempts: number, minSeconds: number, maxSeconds: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min keeps it finite.
  return Math.min(maxSeconds, minSeconds * 2 ** Math.min(exponent, 60));
}

/**
 * After a temporary failure: the next attempt, never later than the give-up time (one last try
 * right then), or null when the give-up time has come and the row should fail.
 */
export function nextAttempt(now: Date, since: Date, failedAttempts: number, policy: { retryMinSeconds: number; retryMaxSeconds: number; giveUpHours: number }): Date | null {
  const giveUpAt = since.getTime() + policy.giveUpHours * 3_600_000;
  if (now.getTime() >= giveUpAt) return null;
  const next = now.getTime() + retryDelaySeconds(failedAttempts, policy.retryMinSeconds, policy.retryMaxSeconds) * 1000;
  return new Date(Math.min(next, giveUpAt));
}
