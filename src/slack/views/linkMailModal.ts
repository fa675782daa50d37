import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import type { InboundMail } from "../../service/linkMail.js";
import { fictitiousText } from "../messages/fictitious.js";
import { inboxText } from "../messages/inbox.js";
import type { Locale } from "../messages/locale.js";
import { mailText } from "../mrkdwn.js";

export const linkMailCallbackId = "link_mail";
export const pickField = "case";
export const referenceField = "reference";

/** Where the modal came from: the mail, and the channel message to update once linked. */
export const linkMailMetadata = z.object({
  inboundId: z.number().int().positive(),
  channel: z.string().max(40).optional(),
  ts: z.string().max(40).optional(),
});
export type LinkMailMetadata = z.infer<typeof linkMailMetadata>;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Pick one of the cases waiting for Brreg, or type any reference. */
export function linkMailModal(mail: InboundMail, waiting: CaseRecord[], meta: LinkMailMetadata, locale: Locale): ModalView {
  const m = inboxText[locale];
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: m.linkIntro(mailText(mail.fromAddress ?? "?"), mailText(mail.subject ?? "")) } },
  ];
  if (waiting.length > 0) {
    blocks.push({
      type: "input",
      block_id: pickField,
      optional: true,
      label: { type: "plain_text", text: m.linkPickLabel },
      element: {
        type: "static_select",
        action_id: pickField,
        placeholder: { type: "plain_text", text: m.linkPickPlaceholder },
        options: waiting.slice(0, 100).map((c) => ({ text: { type: "plain_text", text: clip(`${c.reference} · ${c.route === "fictitious" ? fictitiousText[locale].label : c.customerName}`, 75) }, value: c.reference })),
      },
    });
  }
  blocks.push({
    type: "input",
    block_id: referenceField,
    optional: waiting.length > 0,
    label: { type: "plain_text", text: m.linkReferenceLabel },
    hint: { type: "plain_text", text: m.linkReferenceHint },
    element: { type: "plain_text_input", action_id: referenceField, max_length: 20, placeholder: { type: "plain_text", text: "DLG-12" } },
  });
  return {
    type: "modal",
    callback_id: linkMailCallbackId,
    private_metadata: JSON.stringify(meta),
    title: { type: "plain_text", text: m.linkTitle },
    submit: { type: "plain_text", text: m.linkSubmit },
    close: { type: "plain_text", text: m.linkClose },
    blocks,
  };
}
