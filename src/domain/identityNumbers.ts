// Fødselsnummer and D-number: 11 digits, sometimes written 6+5 with a space between (of any
// kind, even several), a dash of any kind, or an invisible format character (soft hyphen, word
// joiner, zero-width space). The checksum is deliberately ignored: Brreg's fictitious test
// persons may not satisfy it, and a false positive costs far less than a leaked number.
const pattern = "(?<!\\d)\\d{6}[\\s\\p{Cf}\\p{Pd}]{0,3}\\d{5}(?!\\d)";

// Any other grouping ("0789 6498 767", "078.964.98767", "07-89-64-98-767"): 11 digits with up
// to three spaces, dashes, dots or format characters between any two, and no further digit that
// close on either side. Not line breaks: a phone number on the line above would otherwise join
// the run and hide the identity number in it. Grouped so freely, phone, account and reference
// numbers would match too, so only a number whose control digits and date hold counts. Every
// repetition is bounded, so each position costs the same whatever follows: linear in the text.
const gap = "[\\t \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\p{Cf}\\p{Pd}.]{0,3}";
const grouped = `(?<!\\d${gap})\\d(?:${gap}\\d){10}(?!${gap}\\d)`;

const k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function controlDigit(digits: readonly number[], weights: readonly number[]): number {
  const r = weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11;
  return r === 0 ? 0 : 11 - r;
}

// The day has 40 added in a D-number; the month 40 in an H-number and 80 in the synthetic test
// persons of Tenor (where Brreg's fictitious TT02 persons come from), whose control digits hold.
const plausibleDay = (d: number) => (d >= 1 && d <= 31) || (d >= 41 && d <= 71);
const plausibleMonth = (m: number) => (m >= 1 && m <= 12) || (m >= 41 && m <= 52) || (m >= 81 && m <= 92);

/**
 * Whether the digits in `text` (whatever stands between them) are a fødselsnummer, D- or
 * H-number or a Tenor test person: 11 of them, with both control digits and a date.
 */
function isIdentityNumber(text: string): boolean {
  const d: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) d.push(digit);
  }
  if (d.length !== 11) return false;
  if (!plausibleDay(d[0]! * 10 + d[1]!) || !plausibleMonth(d[2]! * 10 + d[3]!)) return false;
  return controlDigit(d, k1Weights) === d[9] && controlDigit(d, k2Weights) === d[10];
}

export const identityNumberPlaceholder = "[fødselsnummer fjernet]";

export function containsIdentityNumber(text: string): boolean {
  if (new RegExp(pattern, "u").test(text)) return true;
  for (const m of text.matchAll(new RegExp(grouped, "gu"))) if (isIdentityNumber(m[0])) return true;
  return false;
}

export function redactIdentityNumbers(text: string): string {
  return text
    .replace(new RegExp(pattern, "gu"), identityNumberPlaceholder)
    .replace(new RegExp(grouped, "gu"), (m) => (isIdentityNumber(m) ? identityNumberPlaceholder : m));
}
