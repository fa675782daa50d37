import type { CaseRecord } from "../../domain/caseRecord.js";
import { caseCompletionSummary } from "../../domain/guidance.js";
import type { CaseNotice } from "../../domain/notices.js";
import { scopeSchema } from "../../domain/scopes.js";
import { nextActionOf, stageLabel } from "../../domain/stages.js";
import { caseText } from "../messages/cases.js";
import { fictitiousText } from "../messages/fictitious.js";
import { formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { defanged, escapeEntities, escapeMrkdwn, mailText, mention } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { caseActions } from "./caseMessage.js";
import { codeBlocks } from "./codeBlocks.js";
import { sendToCustomerActions } from "./customerMailModal.js";
import { longerLine } from "./durations.js";
import { linkedNotice } from "./linkedNotices.js";
import { heldMailNotice, unprovenNotice } from "./mailNotices.js";
import { delegationDetectedDm, delegationDetectedThread, delegationPollGaveUp, scopeDiffers } from "./delegationNotices.js";
import { bouncedNotice, customerMailSentNotice, customerMailTroubleNotice, customerRepliedNotice } from "./customerMailNotices.js";
import { completionFacts, reminderExtras, retryOrderButton } from "./followThrough.js";
import { tokenNotice } from "./tokenNotices.js";
import { fictitiousConfirmedNotice, fictitiousProposedNotice } from "./fictitiousNotices.js";
import { delegationLostChannel, delegationLostDm, delegationLostThread, delegationRestored } from "./watchNotices.js";

/**
 * What a notice renders needs besides the case: the language, and the two texts for the customer
 * as the service composes them (the same text «Send til kunden» sends).
 */
export interface NoticeContext {
  locale: Locale;
  customerAccessText: (c: CaseRecord) => string;
  guidance: (c: CaseRecord, loginSentTo: string[]) => { forVendor: string; forCustomer: string };
}

/** Where a notice goes: the case's thread, and/or a direct message to the case's owner. */
export interface RenderedNotice {
  thread?: Message;
  dm?: Message;
  /** the case channel outside the thread (noticeTargets says which notices have one) */
  channel?: Message;
}

/**
 * How each case notice reads. To add a kind: its variant in domain/notices.ts, a pure renderer
 * in its own file here in slack/views/, and one `case` line below.
 */
export function renderNotice(c: CaseRecord, notice: CaseNotice, ctx: NoticeContext): RenderedNotice {
  const m = caseText[ctx.locale];
  switch (notice.kind) {
    case "created":
      return { thread: { text: m.created(c.reference, mention(notice.actor)) } };
    case "customer_access_instructions":
      return { thread: customerAccessNotice(c, ctx) };
    case "moved":
      return { thread: movedNotice(notice, ctx.locale) };
    case "order_sent":
      return { thread: { text: m.orderSent(escapeEntities(notice.to.join(", ")), escapeEntities(notice.cc.join(", ")), formatDateTime(notice.at, ctx.locale)) } };
    case "order_preview":
      return { thread: { text: m.orderPreview(escapeMrkdwn(notice.path)) } };
    case "followup_preview":
      return { thread: { text: m.followupPreview(escapeMrkdwn(notice.path)) } };
    case "order_retrying":
      return { thread: { text: m.orderRetrying(escapeMrkdwn(notice.error), formatDateTime(notice.nextAttemptAt, ctx.locale)) } };
    case "order_failed":
      return { thread: orderFailedNotice(c, notice, ctx.locale) };
    case "order_bounced":
      return { thread: bouncedNotice(notice, ctx.locale) };
    case "customer_mail_sent":
    case "customer_mail_preview":
      return { thread: customerMailSentNotice(notice, ctx.locale) };
    case "customer_mail_retrying":
    case "customer_mail_failed":
      return { thread: customerMailTroubleNotice(notice, c.reference, ctx.locale) };
    case "delegation_detected":
      return { thread: delegationDetectedThread(c, notice, ctx.locale), dm: delegationDetectedDm(c, notice, ctx.locale) };
    case "delegation_poll_gave_up":
      return { thread: delegationPollGaveUp(c, notice, ctx.locale) };
    case "scope_differs":
      return { thread: scopeDiffers(c, notice, ctx.locale) };
    case "delegation_lost":
      return {
        thread: delegationLostThread(c, notice, ctx.guidance(c, notice.loginSentTo).forCustomer, ctx.locale),
        dm: delegationLostDm(c, notice, ctx.locale),
        channel: delegationLostChannel(c, notice, ctx.locale),
      };
    case "delegation_restored":
      return { thread: delegationRestored(c, notice, ctx.locale) };
    case "linked":
      return { thread: linkedNotice(notice, ctx.locale) };
    case "customer_replied":
      return { thread: customerRepliedNotice(notice, ctx.locale) };
    case "brreg_unproven":
      return { thread: unprovenNotice(c, notice, ctx.locale) };
    case "mail_held":
      return { thread: heldMailNotice(notice.from, notice.perHour, ctx.locale) };
    case "brreg_confirmed":
      return brregConfirmedNotice(c, notice, ctx);
    case "fictitious_proposed":
      return { thread: fictitiousProposedNotice(c, notice, ctx.locale) };
    case "fictitious_confirmed":
      return fictitiousConfirmedNotice(c, notice, ctx.locale);
    case "reminder":
      return { thread: reminderNotice(c, notice, ctx.locale) };
    case "followup_sent":
      return { thread: { text: m.followupSent(escapeEntities(notice.to.join(", ")), formatDateTime(notice.at, ctx.locale)) } };
    case "completed":
      return { thread: completedNotice(c, notice, ctx.locale) };
    case "token_verified":
    case "token_failed":
      return { thread: tokenNotice(c, notice, ctx.locale) };
  }
}

type NoticeOf<K extends CaseNotice["kind"]> = Extract<CaseNotice, { kind: K }>;

/** The text the vendor forwards to the customer, who must get Brreg's direct access first. */
function customerAccessNotice(c: CaseRecord, ctx: NoticeContext): Message {
  const m = caseText[ctx.locale];
  const forward = ctx.customerAccessText(c);
  return { text: m.customerAccessIntro, blocks: [section(m.customerAccessIntro), ...codeBlocks(forward), sendToCustomerActions(c.reference, ctx.locale)] };
}

function movedNotice(notice: NoticeOf<"moved">, locale: Locale): Message {
  const m = caseText[locale];
  const text =
    notice.to === "cancelled"
      ? m.cancelled(mention(notice.actor), escapeMrkdwn(notice.reason ?? "–"))
      : m.moved(mention(notice.actor), stageLabel[notice.from][locale], stageLabel[notice.to][locale]);
  return { text };
}

function orderFailedNotice(c: CaseRecord, notice: NoticeOf<"order_failed">, locale: Locale): Message {
  const text = caseText[locale].orderFailed(escapeMrkdwn(notice.error));
  return { text, blocks: [section(text), { type: "actions", elements: [retryOrderButton(c.reference, locale)] }] };
}

/** Brreg confirmed: a line in the thread, and the owner's DM with what to do next and the text for the customer. */
function brregConfirmedNotice(c: CaseRecord, notice: NoticeOf<"brreg_confirmed">, ctx: NoticeContext): RenderedNotice {
  const { locale } = ctx;
  const m = caseText[locale];
  // The addresses come from Brreg's mail: shown defanged, like all text taken from a mail.
  const sentTo = notice.loginSentTo.map(mailText).join(", ");
  const thread = {
    text: notice.viaMail ? m.brregConfirmedThread(mention(c.ownerUserId), sentTo) : m.brregConfirmedByHand(mention(notice.actor), mention(c.ownerUserId)),
  };
  const guidance = ctx.guidance(c, notice.loginSentTo);
  const intro = m.dmIntro(c.reference, escapeMrkdwn(c.customerName));
  const actions = caseActions(c, locale, `dm_actions:${c.reference}`);
  const dm = {
    text: intro,
    blocks: [section(intro), section(escapeMrkdwn(defangedAddresses(guidance.forVendor, notice.loginSentTo))), section(`*${m.dmForward}*`), ...codeBlocks(guidance.forCustomer), sendToCustomerActions(c.reference, locale), ...(actions ? [actions] : [])],
  };
  return { thread, dm };
}

/** The text with each of these addresses (taken from a mail) defanged, and its links (the app's own) left as they are. */
function defangedAddresses(text: string, addresses: readonly string[]): string {
  return addresses.reduce((t, a) => (a ? t.split(a).join(defanged(a)) : t), text);
}

function reminderNotice(c: CaseRecord, notice: NoticeOf<"reminder">, locale: Locale): Message {
  const m = caseText[locale];
  const text = notice.brregReplied
    ? fictitiousText[locale].reminderReplied
    : notice.stage !== "order_pending"
      ? m.reminder(stageLabel[notice.stage][locale], nextActionOf({ stage: notice.stage, route: c.route })[locale])
      : notice.orderFailed
        ? m.reminderOrderFailed
        : m.reminderOrderRetrying;
  const actions = caseActions(c, locale, `reminder_actions:${c.reference}:${notice.sequence}`);
  const extras = reminderExtras(c, notice.stage, notice.openReminderId, locale, notice.sequence, notice.orderFailed === true, notice.brregReplied === true);
  const said = `${mention(c.ownerUserId)} ${text}${notice.longer ? `\n${longerLine(notice.longer, locale)}` : ""}`;
  return { text: said, blocks: [section(said), ...(actions ? [actions] : []), ...extras] };
}

function completedNotice(c: CaseRecord, notice: NoticeOf<"completed">, locale: Locale): Message {
  const text = caseText[locale].completed(mention(notice.actor), `\`${escapeMrkdwn(notice.scope)}\``);
  const scope = scopeSchema.safeParse(notice.scope);
  const summary = scope.success ? caseCompletionSummary(c, scope.data, locale) : "";
  return { text, blocks: [section(text), completionFacts(c, notice.scope, locale), ...(summary ? codeBlocks(summary) : [])] };
}
