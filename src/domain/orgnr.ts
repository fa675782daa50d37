import { requiredString } from "./requiredString.js";
import type { ValidationCode } from "./validationMessages.js";

const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

// Ordinary, no-break, figure and narrow no-break spaces: the last three turn up
// when a number is pasted from a formatted document or from Intl output.
const spaces = /[\u0020\u00A0\u2007\u202F]/g;

export function normalizeOrgnr(input: string): string {
  return input.replace(spaces, "");
}

export function isValidOrgnr(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * Number(s[i]);
  const r = sum % 11;
  if (r === 1) return false;
  const check = r === 0 ? 0 : 11 - r;
  return check === Number(s[8]);
}

export const orgnrSchema = requiredString()
  .overwrite(normalizeOrgnr)
  .regex(/^\d{9}$/, { error: "orgnr.format" satisfies ValidationCode, abort: true })
  .refine(isValidOrgnr, { error: "orgnr.checksum" satisfies ValidationCode });

export function formatOrgnr(s: string): string {
  const n = normalizeOrgnr(s);
  return /^\d{9}$/.test(n) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : s;
}
