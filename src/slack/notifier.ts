import type { KnownBlock } from "@slack/types";
import type { App } from "@slack/bolt";
import type { CaseRecord } from "../domain/caseRecord.js";
import { customerAccessInstructions, completionSummary, delegationGuidance } from "../domain/guidance.js";
import type { CaseNotice, UnmatchedMail } from "../domain/notices.js";
import type { Notifier } from "../service/notifier.js";
import type { WeeklyOverview } from "../service/weekly.js";
import { scopeSchema } from "../domain/scopes.js";
import { nextAction, stageLabel } from "../domain/stages.js";
import type { Runtime } from "../runtime.js";
import { caseThread, recordThread } from "../service/threads.js";
import { caseText } from "./messages/cases.js";
import { maskinportenText } from "./messages/maskinporten.js";
import { formatOrgnr } from "../domain/orgnr.js";
import { formatDateTime } from "./messages/format.js";
import { caseActions, caseMessage } from "./views/caseMessage.js";
import { HomeRefresher } from "./homeRefresh.js";
import { codeBlocks } from "./views/codeBlocks.js";
import { longerLine } from "./views/durations.js";
import { linkedNotice } from "./views/linkedNotices.js";
import { weeklyOverviewMessage } from "./views/weeklyOverview.js";
import { completionFacts, reminderExtras, retryOrderButton } from "./views/followThrough.js";
import { escapeEntities, escapeMrkdwn, mention } from "./mrkdwn.js";

type Message = { text: string; blocks?: KnownBlock[] };

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

/** Posts case notices to Slack. Slack trouble is logged, never thrown at the mail or job code. */
export class SlackNotifier implements Notifier {
  private readonly homes: HomeRefresher;

  constructor(
    private readonly rt: Runtime,
    private readonly client: App["client"],
  ) {
    this.homes = new HomeRefresher(() => ({ rt: this.rt, notifier: this }), client, rt.config.slack.homeRefreshSeconds * 1000);
  }

  casesChanged(ownerUserId: string): void {
    this.homes.changed(ownerUserId);
  }

  /** Stops republishing Home (shutdown). */
  stop(): Promise<void> {
    return this.homes.stop();
  }

  private get locale() {
    return this.rt.config.locale;
  }

  async notify(c: CaseRecord, notice: CaseNotice): Promise<void> {
    try {
      await this.deliver(c, notice);
    } catch (error) {
      this.rt.logger.error(`could not tell Slack about ${notice.kind} on ${c.reference}: ${String(error)}`);
    }
  }

  async refresh(c: CaseRecord): Promise<void> {
    if (!c.channelId || !c.threadTs) return;
    try {
      await this.client.chat.update({ channel: c.channelId, ts: c.threadTs, ...caseMessage(c, this.locale) });
    } catch (error) {
      this.rt.logger.error(`could not update the root message of ${c.reference}: ${String(error)}`);
    }
  }

  async unmatchedMail(mail: UnmatchedMail): Promise<void> {
    const m = caseText[this.locale];
    const text = (mail.forged ? m.forged : m.unmatched)(escapeMrkdwn(mail.from), escapeMrkdwn(mail.subject), formatDateTime(mail.receivedAt, this.locale));
    try {
      await this.client.chat.postMessage({
        channel: this.rt.config.slack.caseChannel,
        text,
        blocks: [
          section(text),
          {
            type: "actions",
            elements: [{ type: "button", action_id: "link_mail", value: String(mail.inboundId), text: { type: "plain_text", text: m.linkToCase } }],
          },
        ],
      });
    } catch (error) {
      this.rt.logger.error(`could not post unmatched mail ${mail.inboundId}: ${String(error)}`);
    }
  }

  async weeklyOverview(overview: WeeklyOverview): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: this.rt.config.slack.caseChannel, ...weeklyOverviewMessage(overview, this.locale, this.rt.now(), true) });
    } catch (error) {
      this.rt.logger.error(`could not post the weekly overview: ${String(error)}`);
    }
  }

  async mailPassedOver(info: { mailbox: string; uid: string; error: string }): Promise<void> {
    const text = caseText[this.locale].passedOver(escapeMrkdwn(info.mailbox), info.uid, escapeMrkdwn(info.error.slice(0, 300)));
    try {
      await this.client.chat.postMessage({ channel: this.rt.config.slack.caseChannel, text });
    } catch (error) {
      this.rt.logger.error(`could not tell the channel about passed-over mail ${info.uid}: ${String(error)}`);
    }
  }

  private async deliver(c: CaseRecord, notice: CaseNotice): Promise<void> {
    const m = caseText[this.locale];
    const locale = this.locale;
    switch (notice.kind) {
      case "created":
        return this.thread(c, { text: m.created(c.reference, mention(notice.actor)) });
      case "customer_access_instructions": {
        const forward = customerAccessInstructions({
          customerName: c.customerName,
          customerOrgnr: c.customerOrgnr,
          environment: c.environment,
          locale,
          brregEmail: this.rt.config.mail.brregOrderEmail,
        });
        return this.thread(c, { text: m.customerAccessIntro, blocks: [section(m.customerAccessIntro), ...codeBlocks(forward)] });
      }
      case "moved": {
        const text =
          notice.to === "cancelled"
            ? m.cancelled(mention(notice.actor), escapeMrkdwn(notice.reason ?? "–"))
            : m.moved(mention(notice.actor), stageLabel[notice.from][locale], stageLabel[notice.to][locale]);
        return this.thread(c, { text });
      }
      case "order_sent":
        return this.thread(c, { text: m.orderSent(escapeEntities(notice.to.join(", ")), escapeEntities(notice.cc.join(", ")), formatDateTime(notice.at, locale)) });
      case "order_preview":
        return this.thread(c, { text: m.orderPreview(escapeMrkdwn(notice.path)) });
      case "followup_preview":
        return this.thread(c, { text: m.followupPreview(escapeMrkdwn(notice.path)) });
      case "order_retrying":
        return this.thread(c, { text: m.orderRetrying(escapeMrkdwn(notice.error), formatDateTime(notice.nextAttemptAt, locale)) });
      case "order_failed": {
        const text = m.orderFailed(escapeMrkdwn(notice.error));
        return this.thread(c, {
          text,
          blocks: [
            section(text),
            { type: "actions", elements: [retryOrderButton(c.reference, locale)] },
          ],
        });
      }
      case "order_bounced":
        return this.thread(c, { text: m.orderBounced(escapeMrkdwn(notice.subject)) });
      case "brreg_confirmed": {
        const sentTo = notice.loginSentTo.map(escapeMrkdwn).join(", ");
        await this.thread(c, {
          text: notice.viaMail ? m.brregConfirmedThread(mention(c.ownerUserId), sentTo) : m.brregConfirmedByHand(mention(notice.actor), mention(c.ownerUserId)),
        });
        return this.dmGuidance(c, notice.loginSentTo);
      }
      case "reminder": {
        const text =
          notice.stage !== "order_pending"
            ? m.reminder(stageLabel[notice.stage][locale], nextAction[notice.stage][locale])
            : notice.orderFailed
              ? m.reminderOrderFailed
              : m.reminderOrderRetrying;
        const actions = caseActions(c, locale, `reminder_actions:${c.reference}:${notice.sequence}`);
        const extras = reminderExtras(c, notice.stage, notice.openReminderId, locale, notice.sequence, notice.orderFailed === true);
        const said = `${mention(c.ownerUserId)} ${text}${notice.longer ? `\n${longerLine(notice.longer, locale)}` : ""}`;
        return this.thread(c, { text: said, blocks: [section(said), ...(actions ? [actions] : []), ...extras] });
      }
      case "linked":
        return this.thread(c, linkedNotice(notice, locale));
      case "followup_sent":
        return this.thread(c, { text: m.followupSent(escapeEntities(notice.to.join(", ")), formatDateTime(notice.at, locale)) });
      case "completed": {
        const text = m.completed(mention(notice.actor), `\`${escapeMrkdwn(notice.scope)}\``);
        const scope = scopeSchema.safeParse(notice.scope);
        const summary = scope.success
          ? completionSummary({ scope: scope.data, customerOrgnr: c.customerOrgnr, environment: c.environment, locale })
          : "";
        return this.thread(c, { text, blocks: [section(text), completionFacts(c, notice.scope, locale), ...(summary ? codeBlocks(summary) : [])] });
      }
      case "token_verified":
      case "token_failed":
        return this.thread(c, this.tokenMessage(c, notice));
    }
  }

  /** The token check's outcome; a failure carries the retry button (value = reference). */
  private tokenMessage(c: CaseRecord, notice: Extract<CaseNotice, { kind: "token_verified" | "token_failed" }>): Message {
    const m = maskinportenText[this.locale];
    const scope = `\`${escapeMrkdwn(notice.scope)}\``;
    const customer = `${escapeMrkdwn(c.customerName)} (${formatOrgnr(c.customerOrgnr)})`;
    if (notice.kind === "token_verified") {
      const names = notice.consumer && notice.supplier ? ` ${m.tokenNames(formatOrgnr(notice.consumer), formatOrgnr(notice.supplier))}` : "";
      return { text: `${m.verified(scope, customer)}${names}` };
    }
    const explanation =
      notice.problem === "wrong_consumer" ? `${m.problems.wrong_consumer} ${m.tokenFor(formatOrgnr(notice.detail))}` : m.problems[notice.problem];
    const detail = `\`${escapeMrkdwn(notice.detail)}\``;
    const said =
      notice.problem === "wrong_consumer" || notice.problem === "wrong_environment"
        ? ""
        : `\n${notice.problem === "unreachable" || notice.problem === "key_unreadable" ? m.details(detail) : m.answered(detail)}`;
    const text = `${m.failed(scope, customer)}\n${explanation}${said}`;
    // Another environment's settings will not change by pressing again.
    if (notice.problem === "wrong_environment") return { text };
    return {
      text,
      blocks: [
        section(text),
        { type: "actions", elements: [{ type: "button", action_id: "verify_token", value: c.reference, text: { type: "plain_text", text: m.retry } }] },
      ],
    };
  }

  private async dmGuidance(c: CaseRecord, loginSentTo: string[]): Promise<void> {
    const m = caseText[this.locale];
    const guidance = delegationGuidance({
      environment: c.environment,
      vendorOrgnr: c.vendorOrgnr,
      vendorName: c.vendorName,
      customerName: c.customerName,
      customerOrgnr: c.customerOrgnr,
      customerContactEmail: c.customerContactEmail,
      loginSentTo,
      // Until the Maskinporten check tells the notifier whether it runs for this environment.
      autoDetect: false,
      locale: this.locale,
    });
    const dm = await this.client.conversations.open({ users: c.ownerUserId });
    const channel = dm.channel?.id;
    if (!channel) return;
    const intro = m.dmIntro(c.reference, escapeMrkdwn(c.customerName));
    const actions = caseActions(c, this.locale, `dm_actions:${c.reference}`);
    await this.client.chat.postMessage({
      channel,
      text: intro,
      blocks: [section(intro), section(escapeMrkdwn(guidance.forVendor)), section(`*${m.dmForward}*`), ...codeBlocks(guidance.forCustomer), ...(actions ? [actions] : [])],
    });
  }

  private async thread(c: CaseRecord, message: Message): Promise<void> {
    const { channelId, threadTs } = await this.rootOf(c);
    await this.client.chat.postMessage({ channel: channelId, thread_ts: threadTs, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  }

  /**
   * The case's thread. Its root message is posted first when there is none yet: a new case, or
   * one whose root could not be posted before (the app was not in the channel then), so the
   * thread appears with the next notice once the app is invited.
   */
  private async rootOf(c: CaseRecord): Promise<{ channelId: string; threadTs: string }> {
    const known = c.channelId && c.threadTs ? { channelId: c.channelId, threadTs: c.threadTs } : await caseThread(this.rt, c.id);
    if (known.channelId && known.threadTs) return { channelId: known.channelId, threadTs: known.threadTs };
    const root = await this.client.chat.postMessage({ channel: this.rt.config.slack.caseChannel, ...caseMessage(c, this.locale) });
    if (!root.channel || !root.ts) throw new Error(`Slack gave no ts for the root message of ${c.reference}`);
    if (await recordThread(this.rt, c.id, root.channel, root.ts)) return { channelId: root.channel, threadTs: root.ts };
    // Another notice posted a root at the same moment and was recorded first: ours goes.
    await this.client.chat.delete({ channel: root.channel, ts: root.ts }).catch(() => undefined);
    const winner = await caseThread(this.rt, c.id);
    return { channelId: winner.channelId ?? root.channel, threadTs: winner.threadTs ?? root.ts };
  }
}
