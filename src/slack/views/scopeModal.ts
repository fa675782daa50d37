import type { InputBlock, ModalView } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { scopeOption, scopes, type Scope } from "../../domain/scopes.js";
import { followupText } from "../messages/followup.js";
import type { Locale } from "../messages/locale.js";
import { customerNameOf } from "./customerLabel.js";

export const scopeCallbackId = "scope_report";
/** block_id and action_id of the scope choice (DESIGN.md contract) */
export const scopeField = "scope";

/** Which of the six brreg:reelle/* scopes the customer holds: names as text, the scope string as value. */
export function scopeModal(c: CaseRecord, locale: Locale): ModalView {
  const m = followupText[locale];
  return {
    type: "modal",
    callback_id: scopeCallbackId,
    private_metadata: c.reference,
    title: { type: "plain_text", text: m.scopeTitle },
    submit: { type: "plain_text", text: m.scopeSubmit },
    close: { type: "plain_text", text: m.close },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: m.scopeIntro(c.reference, customerNameOf(c, locale)) } },
      scopeInput(locale, m.scopeLabel),
    ],
  };
}

/** The six brreg:reelle/* scopes as radio buttons (block_id and action_id `scope`), `initial` chosen. */
export function scopeInput(locale: Locale, label: string, initial?: Scope | null): InputBlock {
  const options = scopes.map((s) => {
    const o = scopeOption(s, locale);
    return { text: { type: "plain_text" as const, text: o.text }, description: { type: "plain_text" as const, text: o.description }, value: o.value };
  });
  const chosen = options.find((o) => o.value === initial);
  return {
    type: "input",
    block_id: scopeField,
    label: { type: "plain_text", text: label },
    element: { type: "radio_buttons", action_id: scopeField, options, ...(chosen ? { initial_option: chosen } : {}) },
  };
}
