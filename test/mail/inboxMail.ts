import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { TestApp } from "../support/app.js";

// Brreg's TT02 reply (a copy of ../shared/fixtures/mail/brreg-reply-tt02.eml, so a fresh clone
// has it), and the other kinds of mail a team mailbox receives.
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, "fixtures", name), "utf8");

export const identityNumber = "07896498713";

/** What a reply is written from: a case as the service or the database hands it back. */
type RepliedCase = Pick<CaseRecord, "id" | "vendorContactEmail" | "customerContactEmail" | "vendorOrgnr" | "customerOrgnr">;

/** What the order email of a case looked like: its subject, Message-ID and first line. */
export async function orderEmailOf(app: TestApp, c: Pick<CaseRecord, "id">): Promise<{ subject: string; messageId: string; firstLine: string }> {
  const row = await app.app.runtime.db.outboxMessage.findUniqueOrThrow({ where: { caseId_kind: { caseId: c.id, kind: "order" } } });
  return { subject: row.subject, messageId: row.messageId, firstLine: row.textBody.split("\n")[0] ?? "" };
}

/** The authserv-id of the team's own mail server in these tests (MAIL_AUTHSERV_ID where a test sets it). */
export const ourAuthservId = "mx.fjorddata.no";

/** What our mail server writes on top of Brreg's real mail: DMARC passed for brreg.no. */
export const dmarcPass = `Authentication-Results: ${ourAuthservId}; spf=pass smtp.mailfrom=brreg.no; dkim=pass header.d=brreg.no; dmarc=pass (p=quarantine dis=none) header.from=brreg.no`;

/** Brreg's real reply (its TT02 reply unless named) as our mail server delivers it: the fixture filled in, with the server's dmarc=pass on top. */
export async function brregReplyTo(app: TestApp, c: RepliedCase, messageIdSuffix = "", file = "brreg-reply-tt02.eml"): Promise<string> {
  return withHeadersOnTop(await brregReplyAsSent(app, c, messageIdSuffix, file), dmarcPass);
}

/** The fixture with its {{…}} placeholders filled from the case and its order email, with no server's verdict on it. */
export async function brregReplyAsSent(app: TestApp, c: RepliedCase, messageIdSuffix = "", file = "brreg-reply-tt02.eml"): Promise<string> {
  const sent = await orderEmailOf(app, c);
  const values: Record<string, string> = {
    VENDOR_CONTACT_EMAIL: c.vendorContactEmail,
    CUSTOMER_CONTACT_EMAIL: c.customerContactEmail,
    ORIGINAL_SUBJECT: sent.subject,
    ORIGINAL_MESSAGE_ID: sent.messageId,
    VENDOR_ORGNR: c.vendorOrgnr,
    CUSTOMER_ORGNR: c.customerOrgnr,
    ORIGINAL_FIRST_LINE: sent.firstLine,
  };
  const filled = fixture(file).replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`the fixture has a placeholder {{${key}}} the test does not fill`);
    return value;
  });
  // Each reply its own Message-ID, as each real mail has.
  return filled.replace("brreg-sak-88231@brreg.no>", `brreg-sak-88231${messageIdSuffix || `-${c.id}`}@brreg.no>`);
}

/** Brreg's helpdesk acknowledging receipt automatically. */
export function autoAcknowledgement(subject: string, inReplyTo: string, headerless = false): string {
  return [
    "From: Brønnøysundregistrene <opendata@brreg.no>",
    "To: delegering@fjorddata.no",
    `Subject: ${headerless ? "Automatisk svar" : "Vi har mottatt henvendelsen"}: ${subject}`,
    `Message-ID: <auto-${Math.random().toString(36).slice(2)}@brreg.no>`,
    `In-Reply-To: ${inReplyTo}`,
    ...(headerless ? [] : ["Auto-Submitted: auto-replied"]),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Takk for din henvendelse. Vi svarer så snart vi kan.",
    "",
  ].join("\r\n");
}

/** The mail server returning the order email: a DSN with the original headers inside. */
export function bounceOf(subject: string, messageId: string): string {
  const boundary = "dsn-boundary-42";
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.fjorddata.no>",
    "To: delegering@fjorddata.no",
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <bounce-${Math.random().toString(36).slice(2)}@mx.fjorddata.no>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Din e-post kunne ikke leveres til en eller flere mottakere.",
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.fjorddata.no",
    "",
    "Final-Recipient: rfc822; opendata@brreg.no",
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    "From: delegering@fjorddata.no",
    "To: opendata@brreg.no",
    `Subject: =?UTF-8?B?${Buffer.from(subject, "utf8").toString("base64")}?=`,
    `Message-ID: ${messageId}`,
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/**
 * A delivery report from anyone whose text part is blank lines, `size` bytes in all: the
 * delivery-report pattern once went from every blank line to the end, quadratic.
 */
export function blankLineReport(size: number, messageId = `<blank-${Math.random().toString(36).slice(2)}@evil.example>`): string {
  const head = [
    "From: someone@evil.example",
    "To: delegering@fjorddata.no",
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "",
  ].join("\r\n");
  const tail = "\r\n--b--\r\n";
  return head + "\r\n".repeat(Math.floor((size - head.length - tail.length) / 2)) + tail;
}

/** A plain text mail, as anyone can send one; `headers` go below the usual ones. */
export function plainMail(from: string, subject: string, headers: string[] = [], body = "Hei."): string {
  return [
    `From: ${from}`,
    "To: delegering@fjorddata.no",
    `Subject: ${subject}`,
    `Message-ID: <mail-${Math.random().toString(36).slice(2)}@mail.example>`,
    ...headers,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

/** A plain email from someone at Brreg about nothing the app knows (no server's verdict on it: not proven). */
export function strayBrregMail(subject = "Spørsmål om tilgangen deres"): string {
  return plainMail("Saksbehandler <saksbehandler@brreg.no>", subject, [], "Hei, kan dere ringe oss om tilgangen? Den fiktive personen har fødselsnummer 078964 98713.");
}

/** The same mail with headers put on top, as a receiving server adds its own. */
export function withHeadersOnTop(mail: string, ...headers: string[]): string {
  return `${headers.join("\r\n")}\r\n${mail}`;
}

/** A mail from Brreg whose Message-ID and In-Reply-To decode to text with a NUL byte in it. */
export function mailWithNulInIds(): string {
  return [
    "From: Brønnøysundregistrene <opendata@brreg.no>",
    "To: delegering@fjorddata.no",
    "Subject: Ugyldige meldings-id-er",
    "Message-ID: =?utf-8?Q?<a=00b@brreg.no>?=",
    "In-Reply-To: =?utf-8?Q?<c=00d@fjorddata.no>?=",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hei.",
    "",
  ].join("\r\n");
}

/** Every row of every table, as text, for "appears nowhere" checks. */
export async function databaseDump(app: TestApp): Promise<string> {
  const db = app.app.runtime.db;
  const tables = await db.$queryRawUnsafe<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table_name.replace(/"/g, '""')}"`);
    parts.push(`${table_name}: ${JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
  return parts.join("\n");
}
