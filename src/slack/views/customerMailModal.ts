import type { Button, KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { customerMailKinds, noteMaxLength, type CustomerMailKind } from "../../domain/customerEmail.js";
import { customerDomainOf, type CustomerMailDraft } from "../../service/customerMail.js";
import { customerMailText } from "../messages/customerMail.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { codeBlocks } from "./codeBlocks.js";

// «Send til kunden» (DESIGN.md: action_id send_to_customer with the reference as value; the
// modal's callback_id starts with customer_mail; inputs customer_mail_to and customer_mail_note).

export const sendToCustomerActionId = "send_to_customer";
export const customerMailCallbackId = "customer_mail";
export const customerMailFields = { to: "customer_mail_to", otherDomain: "customer_mail_other_domain", note: "customer_mail_note" } as const;
/** The "another domain" checkbox's value when ticked. */
export const otherDomainValue = "other_domain";

/** The button next to a text for the customer. */
export function sendToCustomerButton(reference: string, locale: Locale): Button {
  return { type: "button", action_id: sendToCustomerActionId, value: reference, text: { type: "plain_text", text: customerMailText[locale].button } };
}

/** The button in an actions block of its own (a message may carry other case buttons too). */
export function sendToCustomerActions(reference: string, locale: Locale): KnownBlock {
  return { type: "actions", block_id: `send_to_customer:${reference}`, elements: [sendToCustomerButton(reference, locale)] };
}

/** private_metadata: the reference and the kind, so a late submission sends what the modal showed. */
export function customerMailMetadata(reference: string, kind: CustomerMailKind): string {
  return `${reference}|${kind}`;
}

const metadataSchema = z
  .string()
  .transform((s) => s.split("|"))
  .pipe(z.tuple([z.string().regex(/^DLG-\d{1,9}$/), z.enum(customerMailKinds)]))
  .transform(([reference, kind]) => ({ reference, kind }));

export function parseCustomerMailMetadata(value: string | null | undefined): { reference: string; kind: CustomerMailKind } | null {
  const parsed = metadataSchema.safeParse(value ?? "");
  return parsed.success ? parsed.data : null;
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** The modal: the recipient (prefilled, editable), the Cc, an optional note and the e-mail as it will go out. */
export function customerMailModal(c: CaseRecord, draft: CustomerMailDraft, locale: Locale): ModalView {
  const m = customerMailText[locale];
  return {
    type: "modal",
    callback_id: customerMailCallbackId,
    private_metadata: customerMailMetadata(c.reference, draft.kind),
    title: { type: "plain_text", text: m.title },
    submit: { type: "plain_text", text: draft.preview ? m.submitPreview : m.submit },
    close: { type: "plain_text", text: m.close },
    blocks: [
      section(m.intro(m.what[draft.kind], c.reference)),
      ...(draft.preview ? [section(m.previewMode)] : []),
      {
        type: "input",
        block_id: customerMailFields.to,
        label: { type: "plain_text", text: m.toLabel },
        element: { type: "email_text_input", action_id: customerMailFields.to, ...(draft.to ? { initial_value: draft.to } : {}) },
      },
      {
        type: "input",
        block_id: customerMailFields.otherDomain,
        optional: true,
        label: { type: "plain_text", text: m.otherDomainLabel },
        hint: { type: "plain_text", text: m.otherDomainHint(customerDomainOf(c)) },
        element: {
          type: "checkboxes",
          action_id: customerMailFields.otherDomain,
          options: [{ text: { type: "plain_text", text: m.otherDomainOption }, value: otherDomainValue }],
        },
      },
      ...(draft.cc.length ? [{ type: "context", elements: [{ type: "mrkdwn", text: m.ccLine(draft.cc.map(escapeMrkdwn).join(", ")) }] } satisfies KnownBlock] : []),
      {
        type: "input",
        block_id: customerMailFields.note,
        optional: true,
        label: { type: "plain_text", text: m.noteLabel },
        hint: { type: "plain_text", text: m.noteHint },
        element: { type: "plain_text_input", action_id: customerMailFields.note, multiline: true, max_length: noteMaxLength },
      },
      section(m.subjectLine(escapeMrkdwn(draft.email.subject))),
      section(m.bodyIntro),
      ...codeBlocks(draft.email.text),
    ],
  };
}

/** What replaces the modal when there is nothing to send: a polite note, nothing to submit. */
export function customerMailNoticeModal(text: string, locale: Locale): ModalView {
  const m = customerMailText[locale];
  return { type: "modal", title: { type: "plain_text", text: m.title }, close: { type: "plain_text", text: m.closeNotice }, blocks: [section(text)] };
}
