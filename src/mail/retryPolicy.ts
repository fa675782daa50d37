import { redactIdentityNumbers } from "../domain/identityNumbers.js";
import type { SendFailure } from "../service/outbox.js";
import { UnsafeMailError } from "./outgoingMail.js";

export type { SendFailure };

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
