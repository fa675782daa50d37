import type { ChannelNotice, ChannelUnavailableNotice } from "../../domain/noticeDelivery.js";
import type { WeeklyOverview } from "../../domain/weeklyOverview.js";
import type { Locale } from "../messages/locale.js";
import { noticeText } from "../messages/notices.js";
import { escapeEntities, mention } from "../mrkdwn.js";
import type { Message } from "./blocks.js";
import { scopeNotOnClientMessage } from "./delegationNotices.js";
import { passedOverNotice, unmatchedMailNotice } from "./mailNotices.js";
import { clientProblemMessage, credentialExpiryMessage } from "./watchNotices.js";
import { weeklyOverviewMessage } from "./weeklyOverview.js";

// What the Slack worker posts besides the case notices of caseNotices.ts: the channel's own
// notices, the owner's DM when the case channel refuses the app, and the plain-text stand-in for
// a message Slack refused.

/** A channel notice as it reads; the weekly overview is read from the cases when it is posted. */
export function channelNoticeMessage(notice: ChannelNotice, locale: Locale, weekly: { overview: WeeklyOverview; now: Date } | null): Message | null {
  switch (notice.kind) {
    case "unmatched_mail":
      return unmatchedMailNotice(notice.mail, locale);
    case "mail_passed_over":
      return passedOverNotice(notice, locale);
    case "scope_not_on_client":
      return scopeNotOnClientMessage(notice.notice, locale);
    case "client_problem":
      return clientProblemMessage(notice.notice, locale);
    case "credential_expiry":
      return credentialExpiryMessage(notice.notice, locale);
    case "weekly_overview":
      return weekly ? weeklyOverviewMessage(weekly.overview, locale, weekly.now, true) : null;
  }
}

export function channelUnavailableMessage(notice: ChannelUnavailableNotice, locale: Locale): Message {
  // Slack's error goes inside a code span, where only & < > need escaping.
  return { text: noticeText[locale].channelUnavailable(notice.channel, escapeEntities(notice.error), notice.reference) };
}

/** A notification's text shortened for a stand-in (it is already escaped mrkdwn). */
function gist(message: Message): string {
  return message.text.length > 500 ? `${message.text.slice(0, 497)}…` : message.text;
}

/** The stand-in for a refused message, in the same place: the reference, Slack's error, what it said. No blocks. */
export function refusedFallback(reference: string, error: string, message: Message, locale: Locale): Message {
  return { text: noticeText[locale].refused(reference, escapeEntities(error), gist(message)) };
}

/** The stand-in for a DM Slack would not deliver, in the case's thread. */
export function dmUndeliveredFallback(reference: string, userId: string, error: string, message: Message, locale: Locale): Message {
  return { text: noticeText[locale].dmUndelivered(reference, mention(userId), escapeEntities(error), gist(message)) };
}
