import { simpleParser, type ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { emailSchema, parsePhone, personNameSchema } from "../src/domain/contact.js";
import { customerMailNoteSchema } from "../src/domain/customerEmail.js";
import { parseCustomerImport, slackTextInputMaxLength } from "../src/domain/customerImport.js";
import { csvField } from "../src/domain/eventsCsv.js";
import { containsIdentityNumber, redactIdentityNumbers } from "../src/domain/identityNumbers.js";
import { matchHints, unreadableMail, type MailFacts } from "../src/domain/inboundMail.js";
import { nameWords, normalizeForSearch, parseStatusQuery } from "../src/domain/search.js";
import { redactSecrets } from "../src/domain/secrets.js";
import { readMail } from "../src/mail/parseMail.js";
import { maxSourceBytes } from "../src/mail/inboxWatcher.js";
import { classifySendError } from "../src/mail/retryPolicy.js";
import { maxImportFileBytes } from "../src/slack/files.js";
import { decodeEntities, echoTyped, escapeMrkdwn } from "../src/slack/mrkdwn.js";
import { reasonSchema } from "../src/slack/views/cancelModal.js";
import { bounceOf } from "./mail/inboxMail.js";

// Every pattern run over mail or Slack text, fed its worst case at the largest size the app
// takes for it. Linear code does each in milliseconds; a quadratic pattern at these sizes takes
// minutes (the blank-line report took 45 minutes at 5 MB), so a generous cap tells them apart.
// 8 s: on a loaded two-core machine a linear 5 MB pass has taken just over 2 s; the slowest
// quadratic one found (Message-IDs of "<@@@…") took 14.6 s, the others minutes.
const capMs = 8000;

const sizes = {
  /** a message the mailbox watcher reads (a log line may quote one too) */
  mail: maxSourceBytes,
  /** a modal's text input */
  modal: slackTextInputMaxLength,
  /** a slash command's text, typed in the message box: Slack cuts a message's text at 40,000 */
  command: 40_000,
  /** an import file */
  file: maxImportFileBytes,
};

/** `unit` repeated to `size` characters, then `tail` (what makes a pattern fail at the end). */
const fill = (size: number, unit: string, tail = "") => unit.repeat(Math.floor((size - tail.length) / unit.length)) + tail;

const plain = "From: someone@kunde.no\r\nTo: delegering@fjorddata.no\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nHei\r\n";
const parsed = (raw: string) => simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
const ordinary = () => parsed(plain);
const report = () => parsed(bounceOf("[DLG-7] Bestilling", "<dlg-7@fjorddata.no>"));
/** readMail on a parsed mail after `change`: the pure reading, without mailparser's own time. */
const reading = (mail: () => Promise<ParsedMail>, change: (p: ParsedMail, input: string) => void) => async (input: string) => {
  const p = await mail();
  change(p, input);
  return () => readMail(p);
};
const direct = (f: (input: string) => unknown) => (input: string) => Promise.resolve(() => f(input));
const reportFacts = (text: string): MailFacts => ({ ...unreadableMail, kind: "delivery_report", text });

type Case = [what: string, input: () => string, prepare: (input: string) => Promise<() => unknown>];

const identityWorst: Array<[string, string]> = [
  ["single digits one space apart", "1 "],
  ["ten digits three spaces apart, then no eleventh", "1 - 2 - 3 - 4 - 5 - 6 - 7 - 8 - 9 - 0 x "],
  ["runs of eleven digits with wrong control digits", "0789 6498 713 x "],
  ["runs of eleven digits that are identity numbers", "0789 6498 767 x "],
  ["6+4 digits three spaces apart", "078964   9871 "],
  ["digits only", "1"],
];

const mailCases: Case[] = [
  ["a report's text of blank lines (Action lines)", () => fill(sizes.mail, "\n"), reading(report, (p, s) => (p.text = s))],
  ["a report's text of CRLF blank lines", () => fill(sizes.mail, "\r\n"), reading(report, (p, s) => (p.text = s))],
  ["a report's text of lines of spaces and tabs", () => fill(sizes.mail, " \t".repeat(50) + "\n"), reading(report, (p, s) => (p.text = s))],
  ["a report's text of one line of spaces", () => fill(sizes.mail, " ", "x"), reading(report, (p, s) => (p.text = s))],
  [
    "a delivery-status part of blank lines",
    () => fill(sizes.mail, "\n"),
    reading(report, (p, s) => {
      p.attachments[0]!.contentType = "message/delivery-status";
      p.attachments[0]!.content = Buffer.from(s);
    }),
  ],
  ["a report's text of '<@@@…' (Message-IDs)", () => fill(sizes.mail, `<${"@".repeat(300)}`), reading(report, (p, s) => (p.text = s))],
  ["References of '<@@@…'", () => fill(sizes.mail, `<${"@".repeat(300)}`), reading(ordinary, (p, s) => (p.references = s))],
  ["In-Reply-To of '<x@' and 300 characters", () => fill(sizes.mail, `<x@${"y".repeat(300)}`), reading(ordinary, (p, s) => (p.inReplyTo = s))],
  ["a Message-ID of '<@@@…'", () => fill(sizes.mail, `<${"@".repeat(300)}`), reading(ordinary, (p, s) => (p.messageId = s))],
  ["Authentication-Results of 'dmarc =' and spaces", () => `dmarc =${fill(sizes.mail - 7, " ", "x")}`, reading(ordinary, (p, s) => p.headers.set("authentication-results", s))],
  ["Authentication-Results of 'dmarc' over and over", () => fill(sizes.mail, "dmarc "), reading(ordinary, (p, s) => p.headers.set("authentication-results", s))],
  ["a Precedence header of spaces", () => fill(sizes.mail, " ", "x"), reading(ordinary, (p, s) => p.headers.set("precedence", s))],
  ["a subject of 're: ' prefixes", () => fill(sizes.mail, "re: ", "x"), reading(ordinary, (p, s) => (p.subject = s))],
  ["a subject of control characters and digits", () => fill(sizes.mail, "\u0001078964\t"), reading(ordinary, (p, s) => (p.subject = s))],
  ...identityWorst.map(([what, unit]): Case => [`a body of ${what}`, () => fill(sizes.mail, unit), reading(ordinary, (p, s) => (p.text = s))]),
  ["case references: '[' and spaces", () => `[${fill(sizes.mail - 1, " ", "x")}`, direct((s) => matchHints(reportFacts(s)))],
  ["case references: '[DLG-1' and spaces", () => `[DLG-1${fill(sizes.mail - 6, " ", "x")}`, direct((s) => matchHints(reportFacts(s)))],
  ["case references: '[DLG-' over and over", () => fill(sizes.mail, "[ DLG-12345678"), direct((s) => matchHints(reportFacts(s)))],
  ["organisation numbers: 3+3+2 digits", () => fill(sizes.mail, "123 456 78 "), direct((s) => matchHints(reportFacts(s)))],
  ["a send error of control characters and spaces", () => fill(sizes.mail, "\u0001 \u2028\t"), direct((s) => classifySendError(new Error(s)))],
];

// The log redacts every line, and a line can quote a mail or a Slack payload whole.
const logCases: Case[] = [
  ["'eyJ-' over and over (JWTs)", () => fill(sizes.mail, "eyJ-"), direct(redactSecrets)],
  ["'eyJabcd.' over and over", () => fill(sizes.mail, "eyJabcd."), direct(redactSecrets)],
  ["'a.' over and over (URL schemes)", () => fill(sizes.mail, "a."), direct(redactSecrets)],
  ["'a://b:' over and over (URL passwords)", () => fill(sizes.mail, "a://b:"), direct(redactSecrets)],
  ["PEM headers without an END line", () => fill(sizes.mail, "-----BEGIN A"), direct(redactSecrets)],
  ["'-----BEGIN A-----' and END lines without their dashes", () => `-----BEGIN A-----${fill(sizes.mail - 17, "-----END A")}`, direct(redactSecrets)],
  ["'Bearer ' over and over", () => fill(sizes.mail, "Bearer "), direct(redactSecrets)],
  ["'xoxb-' over and over", () => fill(sizes.mail, "xoxb-"), direct(redactSecrets)],
];

const slackCases: Case[] = [
  ...identityWorst.flatMap(([what, unit]): Case[] => [
    [`a name of ${what}`, () => fill(sizes.modal, unit), direct((s) => personNameSchema.safeParse(s))],
    [`a cancel reason of ${what}`, () => fill(sizes.modal, unit), direct((s) => reasonSchema.safeParse(s))],
    [`a note of ${what}`, () => fill(sizes.modal, unit), direct((s) => customerMailNoteSchema.safeParse(s))],
  ]),
  ["an e-mail address of one long word", () => fill(sizes.modal, "a"), direct((s) => emailSchema.safeParse(s))],
  ["an e-mail address of 'a.' and '@'", () => fill(sizes.modal, "a.a@"), direct((s) => emailSchema.safeParse(s))],
  ["a phone number of digits and separators, then a letter", () => fill(sizes.modal, "1 -", "x"), direct(parsePhone)],
  ["a phone number of '+' and digit groups", () => `+${fill(sizes.modal - 1, "12 ", "x")}`, direct(parsePhone)],
  ["a note of CR and LF", () => fill(sizes.modal, "\r\r\n"), direct((s) => customerMailNoteSchema.safeParse(s))],
  ["a CSV field of spaces", () => fill(sizes.modal, " ", "x"), direct(csvField)],
  ["a status query: a digit, spaces, a letter", () => `1${fill(sizes.command - 1, " ", "x")}`, direct(parseStatusQuery)],
  ["a status query: 'no', spaces, a letter", () => `no${fill(sizes.command - 2, " ", "x")}`, direct(parseStatusQuery)],
  ["a status query: 'dlg', spaces and dashes, a letter", () => `dlg${fill(sizes.command - 3, " -", "1x")}`, direct(parseStatusQuery)],
  ["a status query: digits and dots, then ' mv'", () => fill(sizes.command, "1.", " mv"), direct(parseStatusQuery)],
  ["a search of letters with accents and spaces", () => fill(sizes.command, "e\u0301 \t"), direct(normalizeForSearch)],
  ["search words between punctuation", () => fill(sizes.command, "a!\u0001"), direct(nameWords)],
  ["typed text echoed back: mrkdwn characters", () => fill(sizes.command, "*_~`&<>"), direct((s) => [escapeMrkdwn(s), echoTyped(s, 100)])],
  ["typed text with entities", () => fill(sizes.command, "&amp;lt;"), direct(decodeEntities)],
  ...identityWorst.map(([what, unit]): Case => [`an import file of ${what}`, () => fill(sizes.file, unit), direct((s) => parseCustomerImport(s, { vendorOrgnr: "920012345" }))]),
  ["an import file of blank lines", () => fill(sizes.file, "\n"), direct((s) => parseCustomerImport(s, { vendorOrgnr: "920012345" }))],
  ["an import file of separators only", () => fill(sizes.file, ";;;;\t,\r\n"), direct((s) => parseCustomerImport(s, { vendorOrgnr: "920012345" }))],
  ["an import file of one line of quotes", () => fill(sizes.file, '"a";'), direct((s) => parseCustomerImport(s, { vendorOrgnr: "920012345" }))],
  ["an import file of unclosed quotes", () => fill(sizes.file, '" ;'), direct((s) => parseCustomerImport(s, { vendorOrgnr: "920012345" }))],
];

describe.each([
  ["mail", mailCases],
  ["log lines", logCases],
  ["Slack input", slackCases],
])("patterns over %s stay linear at the largest input", (_, cases) => {
  it.each(cases)("%s", async (_what, input, prepare) => {
    const run = await prepare(input());
    const started = performance.now();
    run();
    expect(performance.now() - started).toBeLessThan(capMs);
  });
});

describe("the identity-number patterns at the largest input", () => {
  it.each(identityWorst)("%s", (_what, unit) => {
    const text = fill(sizes.mail, unit);
    const started = performance.now();
    redactIdentityNumbers(text);
    containsIdentityNumber(text);
    expect(performance.now() - started).toBeLessThan(capMs);
  });
});
