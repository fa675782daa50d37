import { z } from "zod";
import type { ValidationCode } from "./validationMessages.js";

// An unanswered radio button arrives as null or "", which the user should see
// as "required", not as "you picked something odd".
export function codedEnum<const T extends readonly [string, ...string[]]>(values: T, invalid: ValidationCode) {
  return z.enum(values, {
    error: (issue) => (issue.input == null || issue.input === "" ? "field.required" : invalid),
  });
}
