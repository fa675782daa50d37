import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from "mailparser";
import { z } from "zod";
import { emailSchema } from "../domain/contact.js";
import { redactIdentityNumbers } from "../domain/identityNumbers.js";
import type { MailFacts, MailKind } from "../domain/inboundMail.js";

export type { MailFacts };

// What the app reads of an incoming email. Everything here is already redacted: a fictitious
// person's identity number in Brreg's reply must never reach the database, a log or Slack, so
// it is removed before anything else looks at the mail.

// The same check as typed addresses get (æøå domains included, lowercased).
const addressSchema = emailSchema;
// No whitespace or control characters: a decoded header can hold a NUL, which PostgreSQL refuses
// in text (a mail like that would fail on every pass and hold up the mailbox behind it). No @
// before the one that splits it: with an @ allowed on both sides, "<@@@…" would be tried at
// every split, 250 × 250 steps for each "<".
const messageIdPattern = /<[^<>@\s\p{Cc}]{1,250}@[^<>\s\p{Cc}]{1,250}>/gu;

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((o) => o.value).flatMap((a) => {
    const parsed = addressSchema.safeParse(a.address ?? "");
    return parsed.success ? [redactIdentityNumbers(parsed.data)] : [];
  });
}

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v)).join(" ");
  if (value instanceof Date) return value.toISOString();
  if ("value" in value && typeof value.value === "string") return value.value;
  if ("text" in value && typeof value.text === "string") return value.text;
  return "";
}

function messageIds(text: string): string[] {
  return [...new Set(text.match(messageIdPattern) ?? [])];
}

/** The mail's own Message-ID when it is a well-formed one, redacted; otherwise none. */
function ownMessageId(value: string | undefined): string | null {
  const id = value?.trim() ?? "";
  const [only] = messageIds(id);
  return only !== undefined && only === id ? redactIdentityNumbers(only) : null;
}

/**
 * The Authentication-Results header values, topmost first: the verdict is read from them with
 * the team's settings (domain/inboundMail.ts brregProof), so nothing is judged here.
 */
export function authenticationResults(headers: ParsedMail["headers"]): string[] {
  const value = headers.get("authentication-results");
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => headerText(v));
}

// Subjects of automatic replies, after any "SV:"/"RE:" prefixes: Norwegian, English and the
// usual Outlook/Exchange phrasings.
const autoReplySubject =
  /^\s*(?:(?:sv|re|aw|vs|fw|fwd)\s*:\s*)*(?:automatisk svar|autosvar|automatisk melding|fraværsmelding|fravær|auto(?:matic)?[ -]?reply|auto[ -]?response|out of (?:the )?office|abwesenheitsnotiz)\b/i;

/** Automatic replies never confirm anything, whoever sends them (RFC 3834 and common practice). */
export function isAutoReply(headers: ParsedMail["headers"], subject: string): boolean {
  const autoSubmitted = headerText(headers.get("auto-submitted")).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (headers.has("x-autoreply") || headers.has("x-autorespond") || headers.has("x-autoresponse")) return true;
  if (/^auto[_-]reply$/i.test(headerText(headers.get("precedence")).trim())) return true;
  return autoReplySubject.test(subject);
}

const structuredHeader = z.object({ value: z.string(), params: z.record(z.string(), z.string()).catch({}) });

function contentType(headers: ParsedMail["headers"]): { value: string; params: Record<string, string> } {
  const parsed = structuredHeader.safeParse(headers.get("content-type"));
  if (parsed.success) return { value: parsed.data.value.toLowerCase(), params: parsed.data.params };
  return { value: headerText(headers.get("content-type")).toLowerCase(), params: {} };
}

/** A delivery report: multipart/report, or a classic bounce from the mailer daemon. */
export function isDeliveryReport(headers: ParsedMail["headers"], from: string | null): boolean {
  if (contentType(headers).value === "multipart/report") return true;
  return from !== null && /^(mailer-daemon|postmaster)@/i.test(from);
}

const parseOptions = { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as const;

/** How much of a delivery report's text is read: a real report's explanation and status lines take a few kB. */
const maxReportText = 64 * 1024;

/** The returned message (or its headers) inside a delivery report, parsed in turn. */
async function returnedParts(parsed: ParsedMail): Promise<ParsedMail[]> {
  const parts = parsed.attachments.filter((a) => /^(message\/(rfc822|global)|text\/rfc822-headers)/i.test(a.contentType));
  return Promise.all(parts.map((a) => simpleParser(a.content, parseOptions)));
}

/** Parses a raw email (and, for a delivery report, the message it returns) into redacted facts. */
export async function parseMail(source: Buffer | string): Promise<MailFacts> {
  const parsed = await simpleParser(source, parseOptions);
  const from = addresses(parsed.from)[0] ?? null;
  return readMail(parsed, isDeliveryReport(parsed.headers, from) ? await returnedParts(parsed) : []);
}

/** Reads an email already parsed by mailparser into redacted facts. Pure. */
export function readMail(parsed: ParsedMail, returned: ParsedMail[] = []): MailFacts {
  const from = addresses(parsed.from)[0] ?? null;
  // Flatten control characters first: a decoded subject can hold "078964\t98713", which becomes
  // a 6+5 identity number only once the tab is a space.
  const subject = redactIdentityNumbers((parsed.subject ?? "").replace(/[\p{Cc}\u2028\u2029]+/gu, " ")).trim().slice(0, 500);
  const recipients = [...new Set([...addresses(parsed.to), ...addresses(parsed.cc)])];
  const references = Array.isArray(parsed.references) ? parsed.references.join(" ") : (parsed.references ?? "");
  const repliesTo = messageIds(`${parsed.inReplyTo ?? ""} ${references}`);
  const messageId = ownMessageId(parsed.messageId);
  let body = parsed.text ?? "";

  let kind: MailKind = "ordinary";
  let deliveryFailed = false;
  let returnedIds: string[] = [];
  if (isDeliveryReport(parsed.headers, from)) {
    kind = "delivery_report";
    // The delivery-status part comes out as text, the returned message as a part of its own.
    const status = [body, ...parsed.attachments.filter((a) => /^message\/(delivery-status|global-delivery-status)/i.test(a.contentType)).map((a) => a.content.toString("utf8"))]
      .join("\n")
      .slice(0, maxReportText);
    // A report of "delayed" or "delivered" is news, not a failure; without any Action line
    // (a classic bounce) the message came back. Within the line only ([ \t], not \s): \s would
    // run over line breaks, and from every one of a run of blank lines to its end, quadratic.
    const actions = [...status.matchAll(/^[ \t]*Action:[ \t]*([a-z]+)/gim)].map((m) => m[1]!.toLowerCase());
    deliveryFailed = actions.length === 0 ? true : actions.includes("failed");
    returnedIds = [...new Set(returned.flatMap((r) => (r.messageId ? messageIds(r.messageId) : [])))];
    if (returnedIds.length === 0) returnedIds = messageIds(status).filter((id) => id !== parsed.messageId);
    // The returned subject carries the [DLG-n] reference (decoded here, it may be MIME-encoded).
    body = [status, ...returned.map((r) => `Subject: ${r.subject ?? ""}`)].join("\n");
  } else if (isAutoReply(parsed.headers, subject)) {
    kind = "auto_reply";
  }

  return {
    kind,
    deliveryFailed,
    messageId,
    from,
    recipients,
    subject,
    repliesTo,
    returnedIds,
    text: redactIdentityNumbers(body),
    authenticationResults: authenticationResults(parsed.headers),
  };
}
