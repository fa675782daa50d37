import { domainToASCII } from "node:url";
import { z } from "zod";
import { containsIdentityNumber } from "./identityNumbers.js";
import { requiredString } from "./requiredString.js";
import type { ValidationCode } from "./validationMessages.js";

// C0/C1 controls (CR, LF, tab …) plus the Unicode line and paragraph
// separators: names go into email headers and Slack mrkdwn, where any of these
// could split a line.
const controlCharacter = /[\p{Cc}\u2028\u2029]/u;

function nameSchema() {
  return requiredString()
    .refine((s) => !controlCharacter.test(s), { error: "name.control" satisfies ValidationCode, abort: true })
    .refine(
      (s) => {
        const length = [...s].length;
        return length >= 2 && length <= 200;
      },
      { error: "name.length" satisfies ValidationCode, abort: true },
    )
    .refine((s) => !containsIdentityNumber(s), { error: "text.identity_number" satisfies ValidationCode });
}

export const personNameSchema = nameSchema();
export const orgNameSchema = nameSchema();

export const emailSchema = requiredString()
  .refine((s) => !/[\r\n]/.test(s), { error: "email.invalid" satisfies ValidationCode, abort: true })
  .max(254, { error: "email.too_long" satisfies ValidationCode, abort: true })
  .refine((s) => !containsIdentityNumber(s), { error: "text.identity_number" satisfies ValidationCode, abort: true })
  .toLowerCase()
  .refine((s) => plainEmail.safeParse(asciiDomain(s)).success, { error: "email.invalid" satisfies ValidationCode });

const plainEmail = z.email();

/**
 * The address with its domain in ASCII (punycode), as mail servers see it: "post@bjørn.no" is a
 * good Norwegian address that z.email alone refuses. The address is kept as typed.
 */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 0) return address;
  const domain = domainToASCII(address.slice(at + 1));
  return domain ? `${address.slice(0, at)}@${domain}` : address;
}

/** The address's domain as mail servers compare it: lower case, in ASCII ("Ola@Bjørn.no" → "xn--bjrn-ula.no"). */
export function mailDomainOf(address: string): string {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return domainToASCII(domain) || domain;
}

export type PhoneParse = { ok: true; value: string } | { ok: false; code: ValidationCode };

// Separators people type between digit groups; anything else is a typo.
const grouped = /^\+?\d+(?:[ \u00A0.-]+\d+)*$/;
const separators = /[ \u00A0.-]/g;

function norwegian(national: string): PhoneParse {
  // Norwegian 8-digit numbers never start with 0 or 1 (those are prefixes and short codes).
  return /^[2-9]\d{7}$/.test(national) ? { ok: true, value: `+47${national}` } : { ok: false, code: "phone.invalid" };
}

export function parsePhone(input: string): PhoneParse {
  const trimmed = input.trim();
  if (!grouped.test(trimmed)) return { ok: false, code: "phone.invalid" };
  const compact = trimmed.replace(separators, "");

  if (compact.startsWith("+")) {
    const digits = compact.slice(1);
    // Country codes are prefix-free, so a leading 47 can only mean Norway.
    if (digits.startsWith("47")) return norwegian(digits.slice(2));
    // E.164: at most 15 digits, country code never starts with 0; 7 is the shortest real number with its code.
    return /^[1-9]\d{6,14}$/.test(digits) ? { ok: true, value: `+${digits}` } : { ok: false, code: "phone.invalid" };
  }
  if (compact.startsWith("0047")) return norwegian(compact.slice(4));
  // 00 is an international prefix only from some countries; + is unambiguous.
  if (compact.startsWith("00")) return { ok: false, code: "phone.foreign_needs_plus" };
  return norwegian(compact);
}

export const phoneSchema = requiredString().transform((s, ctx) => {
  const parsed = parsePhone(s);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: "custom", message: parsed.code, input: s });
  return z.NEVER;
});

// For display only; stored numbers stay in the compact +<digits> form.
export function formatPhone(e164: string): string {
  const m = /^\+47(\d{8})$/.exec(e164);
  if (!m) return e164;
  const n = m[1]!;
  return /^[49]/.test(n)
    ? `+47 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`
    : `+47 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`;
}
