import type { KnownBlock } from "@slack/types";
import type { CaseNotice } from "../../domain/notices.js";
import { caseText } from "../messages/cases.js";
import { customerMailText } from "../messages/customerMail.js";
import { formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { escapeEntities, escapeMrkdwn, mailText, mention } from "../mrkdwn.js";
import { retryOrderButton } from "./followThrough.js";

// The thread's notices about e-mail to the customer («Send til kunden»): sent, written as a
// preview, answered, and which e-mail came back when one bounces.

type Message = { text: string; blocks?: KnownBlock[] };

export function customerMailSentNotice(notice: Extract<CaseNotice, { kind: "customer_mail_sent" | "customer_mail_preview" }>, locale: Locale): Message {
  const m = customerMailText[locale];
  const who = notice.actor && /^[UW][A-Z0-9]+$/.test(notice.actor) ? mention(notice.actor) : m.someone;
  const to = escapeEntities(notice.to.join(", "));
  const cc = escapeEntities(notice.cc.join(", "));
  const what = m.what[notice.mail];
  if (notice.kind === "customer_mail_preview") return { text: m.preview(who, what, to, cc, escapeMrkdwn(notice.path)) };
  return { text: m.sent(who, what, to, cc, formatDateTime(notice.at, locale)) };
}

/** The e-mail to the customer could not be sent yet (retrying), or gave up (with "Prøv igjen"). */
export function customerMailTroubleNotice(
  notice: Extract<CaseNotice, { kind: "customer_mail_retrying" | "customer_mail_failed" }>,
  reference: string,
  locale: Locale,
): Message {
  const m = customerMailText[locale];
  const what = m.what[notice.mail];
  const error = escapeMrkdwn(notice.error);
  if (notice.kind === "customer_mail_retrying") return { text: m.retrying(what, error, formatDateTime(notice.nextAttemptAt, locale)) };
  const text = m.failedToSend(what, error);
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }, { type: "actions", elements: [retryOrderButton(reference, locale)] }] };
}

/** A reply from someone other than Brreg: its subject and sender, never its body. */
export function customerRepliedNotice(notice: Extract<CaseNotice, { kind: "customer_replied" }>, locale: Locale): Message {
  return { text: customerMailText[locale].replied(mailText(notice.subject), mailText(notice.from)) };
}

/** A bounce, naming the e-mail that came back (the order when it is not known). */
export function bouncedNotice(notice: Extract<CaseNotice, { kind: "order_bounced" }>, locale: Locale): Message {
  const subject = mailText(notice.subject);
  if (!notice.mail || notice.mail === "order") return { text: caseText[locale].orderBounced(subject) };
  return { text: customerMailText[locale].bounced[notice.mail](subject) };
}
