import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { containsIdentityNumber } from "../../domain/identityNumbers.js";
import { followupText } from "../messages/followup.js";
import type { Locale } from "../messages/locale.js";
import { customerNameOf } from "./customerLabel.js";

export const cancelCallbackId = "cancel_case";
export const reasonField = "reason";

export const reasonLimits = { min: 2, max: 500 } as const;

/** The reason as stored and shown: trimmed, 2–500 characters, one line, no identity numbers. */
export const reasonSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(reasonLimits.min, { error: "tooShort" })
      .max(reasonLimits.max, { error: "tooLong" })
      .refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { error: "control" })
      .refine((s) => !containsIdentityNumber(s), { error: "identity" }),
  );

export type ReasonProblem = "tooShort" | "tooLong" | "control" | "identity";

export function reasonProblemText(problem: ReasonProblem, locale: Locale): string {
  const m = followupText[locale];
  return { tooShort: m.reasonTooShort, tooLong: m.reasonTooLong, control: m.reasonControl, identity: m.reasonIdentity }[problem];
}

export function cancelModal(c: CaseRecord, locale: Locale): ModalView {
  const m = followupText[locale];
  return {
    type: "modal",
    callback_id: cancelCallbackId,
    private_metadata: c.reference,
    title: { type: "plain_text", text: m.cancelTitle },
    submit: { type: "plain_text", text: m.cancelSubmit },
    close: { type: "plain_text", text: m.cancelBack },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: m.cancelIntro(c.reference, customerNameOf(c, locale)) } },
      {
        type: "input",
        block_id: reasonField,
        label: { type: "plain_text", text: m.reasonLabel },
        element: {
          type: "plain_text_input",
          action_id: reasonField,
          min_length: reasonLimits.min,
          max_length: reasonLimits.max,
          placeholder: { type: "plain_text", text: m.reasonPlaceholder },
        },
      },
    ],
  };
}
