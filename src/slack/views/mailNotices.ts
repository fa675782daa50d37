import type { UnmatchedMail } from "../../domain/notices.js";
import { caseText } from "../messages/cases.js";
import { formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";

/** An email that matched no open case, for the case channel, with "Knytt til sak" (value = the inbound id). */
export function unmatchedMailNotice(mail: UnmatchedMail, locale: Locale): Message {
  const m = caseText[locale];
  const text = (mail.forged ? m.forged : m.unmatched)(escapeMrkdwn(mail.from), escapeMrkdwn(mail.subject), formatDateTime(mail.receivedAt, locale));
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        elements: [{ type: "button", action_id: "link_mail", value: String(mail.inboundId), text: { type: "plain_text", text: m.linkToCase } }],
      },
    ],
  };
}

/** A message the mailbox watcher passed over, for the case channel. */
export function passedOverNotice(info: { mailbox: string; uid: string; error: string }, locale: Locale): Message {
  return { text: caseText[locale].passedOver(escapeMrkdwn(info.mailbox), info.uid, escapeMrkdwn(info.error.slice(0, 300))) };
}
