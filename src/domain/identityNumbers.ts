// Fødselsnummer and D-number: 11 digits, sometimes written 6+5 with a space between (of any
// kind, even several), a dash of any kind, or an invisible format character (soft hyphen, word
// joiner, zero-width space). The checksum is deliberately ignored: Brreg's fictitious test
// persons may not satisfy it, and a false positive costs far less than a leaked number.
const pattern = "(?<!\\d)\\d{6}[\\s\\p{Cf}\\p{Pd}]{0,3}\\d{5}(?!\\d)";

export const identityNumberPlaceholder = "[fødselsnummer fjernet]";

export function containsIdentityNumber(text: string): boolean {
  return new RegExp(pattern, "u").test(text);
}

export function redactIdentityNumbers(text: string): string {
  return text.replace(new RegExp(pattern, "gu"), identityNumberPlaceholder);
}
