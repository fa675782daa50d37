import type { CaseRecord } from "../../domain/caseRecord.js";
import type { CaseNotice, UnmatchedMail } from "../../domain/notices.js";
import { caseText } from "../messages/cases.js";
import { formatDateTime } from "../messages/format.js";
import { inboxText } from "../messages/inbox.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn, mailText } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { caseButtons } from "./caseMessage.js";

/**
 * A mail that looks like Brreg's confirmation without the proof, in the case's thread: subject
 * and sender, and «Brreg har bekreftet» (the case's own button) while the case still waits for Brreg.
 */
export function unprovenNotice(c: CaseRecord, notice: Extract<CaseNotice, { kind: "brreg_unproven" }>, locale: Locale): Message {
  const text = inboxText[locale].unproven(mailText(notice.from), mailText(notice.subject));
  const confirm = caseButtons(c, locale).filter((b) => b.action_id === "brreg_confirmed");
  return { text, blocks: [section(text), ...(confirm.length ? [{ type: "actions" as const, elements: confirm }] : [])] };
}

/** The line that stands for a sender's mails over the hour's limit, in the thread or the channel. */
export function heldMailNotice(from: string, perHour: number, locale: Locale): Message {
  return { text: inboxText[locale].held(mailText(from), String(perHour)) };
}

/** The channel's text of an email that matched no open case, by how far it is proven to be Brreg's. */
export function unmatchedMailText(mail: Pick<UnmatchedMail, "from" | "subject" | "receivedAt" | "forged" | "unproven">, locale: Locale): string {
  const say = mail.forged ? caseText[locale].forged : mail.unproven ? inboxText[locale].unprovenUnmatched : caseText[locale].unmatched;
  return say(mailText(mail.from), mailText(mail.subject), formatDateTime(mail.receivedAt, locale));
}

/** An email that matched no open case, for the case channel, with "Knytt til sak" (value = the inbound id). */
export function unmatchedMailNotice(mail: UnmatchedMail, locale: Locale): Message {
  if (mail.overLimit !== undefined) return heldMailNotice(mail.from, mail.overLimit, locale);
  const text = unmatchedMailText(mail, locale);
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        elements: [{ type: "button", action_id: "link_mail", value: String(mail.inboundId), text: { type: "plain_text", text: caseText[locale].linkToCase } }],
      },
    ],
  };
}

/** A message the mailbox watcher passed over, for the case channel; the error may quote the mail. */
export function passedOverNotice(info: { mailbox: string; uid: string; error: string }, locale: Locale): Message {
  return { text: caseText[locale].passedOver(escapeMrkdwn(info.mailbox), info.uid, mailText(info.error.slice(0, 300))) };
}
