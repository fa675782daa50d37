import type { ModalView } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import type { Scope } from "../../domain/scopes.js";
import { fictitiousText } from "../messages/fictitious.js";
import type { Locale } from "../messages/locale.js";
import { context, plain, section } from "./blocks.js";
import { scopeInput } from "./scopeModal.js";

/** callback_id of the modal and action_id of the button that opens it (DESIGN.md contract). */
export const confirmFictitiousId = "confirm_fictitious";
/** block_id and action_id of the org number input (DESIGN.md contract); the scope's is `scope`. */
export const fictitiousOrgnrField = "fictitious_orgnr";

/** «Bekreft fiktiv virksomhet»: the org number and scope, prefilled with what Brreg's reply seemed to name, both editable. */
export function fictitiousModal(c: Pick<CaseRecord, "reference">, proposal: { orgnr: string | null; scope: Scope | null }, locale: Locale): ModalView {
  const m = fictitiousText[locale];
  return {
    type: "modal",
    callback_id: confirmFictitiousId,
    private_metadata: c.reference,
    title: plain(m.modalTitle),
    submit: plain(m.modalSubmit),
    close: plain(m.modalClose),
    blocks: [
      section(m.modalIntro(c.reference)),
      {
        type: "input",
        block_id: fictitiousOrgnrField,
        label: plain(m.orgnrLabel),
        hint: plain(m.orgnrHint),
        element: { type: "plain_text_input", action_id: fictitiousOrgnrField, max_length: 30, ...(proposal.orgnr ? { initial_value: proposal.orgnr } : {}) },
      },
      scopeInput(locale, m.scopeLabel, proposal.scope),
      context(m.modalNever),
    ],
  };
}
