import { z } from "zod";
import { escapeHtml } from "./html.js";
import { containsIdentityNumber } from "./identityNumbers.js";
import type { Locale } from "./locale.js";
import { assertHeaderSafe, assertReference, type ComposedEmail } from "./orderEmail.js";
import type { ValidationCode } from "./validationMessages.js";

// The e-mails «Send til kunden» sends: a text the app already shows in Slack for the customer,
// with an optional personal note from the vendor. Plain e-mail is no place for a national
// identity number (the TT02 login goes by phone or encrypted e-mail), so the composer refuses
// one in any part, even though the schema below already keeps it out of the note.

export const customerMailKinds = ["customer_access", "delegation_guidance"] as const;
export type CustomerMailKind = (typeof customerMailKinds)[number];

export const noteMaxLength = 1000;

const subjects: Record<CustomerMailKind, Record<Locale, string>> = {
  customer_access: {
    nb: "Bestilling av tilgang hos Brønnøysundregistrene",
    en: "Ordering access from the Brønnøysund Register Centre",
  },
  delegation_guidance: {
    nb: "Delegering av tilgang til Register over reelle rettighetshavere",
    en: "Delegating access to the Register of Beneficial Owners",
  },
};

const closing: Record<Locale, string> = { nb: "Med vennlig hilsen", en: "Kind regards" };

/** Line breaks typed on any platform become "\n"; the note is a body part, where "\n" is all it needs. */
function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, "\n");
}

// Newlines are the only control characters a note may hold: a tab, an escape or a
// form feed is pasted noise, and U+2028/2029 split lines where mail clients disagree.
function hasControlBesidesNewline(s: string): boolean {
  return /[\p{Cc}\u2028\u2029]/u.test(s.replace(/\n/g, ""));
}

function noteLength(s: string): number {
  return [...s].length;
}

/** The personal note in the «Send til kunden» modal; empty when left out (Slack sends null). */
export const customerMailNoteSchema = z
  .union([z.string(), z.null(), z.undefined()], { error: "field.invalid" satisfies ValidationCode })
  .transform((s) => normaliseNewlines(s ?? "").trim())
  .refine((s) => !hasControlBesidesNewline(s), { error: "note.control" satisfies ValidationCode, abort: true })
  .refine((s) => noteLength(s) <= noteMaxLength, { error: "note.too_long" satisfies ValidationCode, abort: true })
  .refine((s) => !containsIdentityNumber(s), { error: "note.identity_number" satisfies ValidationCode });

export type CustomerEmailInput = {
  kind: CustomerMailKind;
  reference: string;
  /** The customer text as the app renders it (guidance or customer-access instructions). */
  text: string;
  note?: string | undefined;
  senderName: string;
  locale: Locale;
};

function refuse(why: string): never {
  throw new Error(`Refusing to compose the e-mail to the customer: ${why}`);
}

export function customerMailSubject(kind: CustomerMailKind, reference: string, locale: Locale): string {
  assertReference(reference);
  return `[${reference}] ${subjects[kind][locale]}`;
}

export function composeCustomerEmail(input: CustomerEmailInput): ComposedEmail {
  const { kind, reference, locale } = input;
  const subject = customerMailSubject(kind, reference, locale);
  // The sender's name may also become the From display name: a header.
  const senderName = input.senderName.trim();
  assertHeaderSafe(senderName, "the sender's name");
  if (!senderName) refuse("the sender's name is empty.");
  const note = normaliseNewlines(input.note ?? "").trim();
  if (hasControlBesidesNewline(note)) refuse("the note contains a control character other than a line break.");
  if (noteLength(note) > noteMaxLength) refuse(`the note is longer than ${noteMaxLength} characters.`);
  const text = normaliseNewlines(input.text).trim();
  if (!text) refuse("the text is empty.");
  if (hasControlBesidesNewline(text)) refuse("the text contains a control character other than a line break.");
  for (const [part, value] of [["note", note], ["text", text], ["sender's name", senderName]] as const) {
    if (containsIdentityNumber(value)) refuse(`the ${part} contains a national identity number; pass it on by phone or encrypted e-mail instead.`);
  }

  const blocks = [...(note ? [note] : []), text, `${closing[locale]}\n${senderName}`];
  return { subject, text: `${blocks.join("\n\n")}\n`, html: renderHtml(blocks, locale) };
}

/** Each blank-line-separated paragraph becomes a <p>, its single line breaks <br>. */
function renderHtml(blocks: readonly string[], locale: Locale): string {
  const paragraphs = blocks
    .flatMap((b) => b.split(/\n{2,}/))
    .map((p) => `<p>${p.split("\n").map(escapeHtml).join("<br>\n")}</p>`);
  return [`<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8"></head>\n<body>`, ...paragraphs, "</body>\n</html>\n"].join("\n");
}
