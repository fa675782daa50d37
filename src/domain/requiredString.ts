import { z } from "zod";
import type { ValidationCode } from "./validationMessages.js";

const required: ValidationCode = "field.required";
const invalid: ValidationCode = "field.invalid";

// Slack sends null for an input left empty, and a string of spaces is just as
// empty, so both must end up as "field.required" rather than a format error.
export function requiredString() {
  return z
    .string({ error: (issue) => (issue.input == null ? required : invalid) })
    .trim()
    .min(1, { error: required, abort: true });
}
