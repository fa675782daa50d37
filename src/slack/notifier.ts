import type { App } from "@slack/bolt";
import type { CaseRecord } from "../domain/caseRecord.js";
import type { CaseNotice, ClientProblemNotice, CredentialExpiryNotice, DelegationLoss, ScopeNotOnClientNotice, UnmatchedMail } from "../domain/notices.js";
import type { Metrics } from "../service/metrics.js";
import type { Notifier } from "../service/notifier.js";
import type { WeeklyOverview } from "../service/weekly.js";
import type { Runtime } from "../runtime.js";
import { customerAccessText, guidanceFor } from "../service/customerMail.js";
import { caseThread, recordThread } from "../service/threads.js";
import { HomeRefresher } from "./homeRefresh.js";
import { dm } from "./respond.js";
import type { Message } from "./views/blocks.js";
import { caseMessage } from "./views/caseMessage.js";
import { renderNotice } from "./views/caseNotices.js";
import { scopeNotOnClientMessage } from "./views/delegationNotices.js";
import { passedOverNotice, unmatchedMailNotice } from "./views/mailNotices.js";
import { weeklyOverviewMessage } from "./views/weeklyOverview.js";
import { clientProblemMessage, credentialExpiryMessage, delegationLostChannel } from "./views/watchNotices.js";

/**
 * Posts case notices to Slack: each notice's text and blocks come from slack/views/caseNotices.ts
 * (add a kind there); this class only decides where they go (the case's thread, its root, the
 * owner's DM). Slack trouble is logged, never thrown at the mail or job code.
 */
export class SlackNotifier implements Notifier {
  private readonly homes: HomeRefresher;

  constructor(
    private readonly rt: Runtime,
    private readonly client: App["client"],
    private readonly metrics: Metrics,
  ) {
    this.homes = new HomeRefresher(() => ({ rt: this.rt, notifier: this, metrics: this.metrics }), client, rt.config.slack.homeRefreshSeconds * 1000);
  }

  casesChanged(ownerUserId: string): void {
    this.homes.changed(ownerUserId);
  }

  /** Stops republishing Home (shutdown). */
  stop(): Promise<void> {
    return this.homes.stop();
  }

  weeklyOverview(overview: WeeklyOverview): Promise<boolean> {
    return this.toChannel(weeklyOverviewMessage(overview, this.locale, this.rt.now(), true), "weekly_overview", "post the weekly overview");
  }

  private get locale() {
    return this.rt.config.locale;
  }

  async notify(c: CaseRecord, notice: CaseNotice): Promise<boolean> {
    try {
      const rendered = renderNotice(c, notice, {
        locale: this.locale,
        customerAccessText: (k) => customerAccessText(this.rt, k),
        guidance: (k, loginSentTo) => guidanceFor(this.rt, k, loginSentTo),
      });
      if (rendered.thread) await this.thread(c, rendered.thread);
      if (rendered.dm) await dm(this.client, c.ownerUserId, rendered.dm);
      return true;
    } catch (error) {
      this.metrics.slackApiFailed("notify");
      this.rt.logger.error(`could not tell Slack about ${notice.kind} on ${c.reference}: ${String(error)}`);
      return false;
    }
  }

  async refresh(c: CaseRecord): Promise<void> {
    if (!c.channelId || !c.threadTs) return;
    try {
      await this.client.chat.update({ channel: c.channelId, ts: c.threadTs, ...caseMessage(c, this.locale) });
    } catch (error) {
      this.metrics.slackApiFailed("refresh");
      this.rt.logger.error(`could not update the root message of ${c.reference}: ${String(error)}`);
    }
  }

  unmatchedMail(mail: UnmatchedMail): Promise<boolean> {
    return this.toChannel(unmatchedMailNotice(mail, this.locale), "unmatched_mail", `post unmatched mail ${mail.inboundId}`);
  }

  scopeNotOnClient(notice: ScopeNotOnClientNotice): Promise<boolean> {
    return this.toChannel(scopeNotOnClientMessage(notice, this.locale), "scope_not_on_client", `tell the channel that ${notice.scope} is not on the client`);
  }

  clientProblem(notice: ClientProblemNotice): Promise<boolean> {
    return this.toChannel(clientProblemMessage(notice, this.locale), "client_problem", `tell the channel about ${notice.problem} of client ${notice.clientId}`);
  }

  delegationLost(c: CaseRecord, loss: DelegationLoss): Promise<boolean> {
    return this.toChannel(delegationLostChannel(c, loss, this.locale), "delegation_lost", `tell the channel that the delegation of ${c.reference} is lost`);
  }

  credentialExpiring(notice: CredentialExpiryNotice): Promise<boolean> {
    return this.toChannel(credentialExpiryMessage(notice, this.locale), "credential_expiry", `tell the channel that the ${notice.kind} of client ${notice.clientId} ends`);
  }

  mailPassedOver(info: { mailbox: string; uid: string; error: string }): Promise<boolean> {
    return this.toChannel(passedOverNotice(info, this.locale), "mail_passed_over", `tell the channel about passed-over mail ${info.uid}`);
  }

  /** Posts in the case channel; a failure is counted (`failure` names it in /metrics) and logged as "could not <what>". */
  private async toChannel(message: Message, failure: string, what: string): Promise<boolean> {
    try {
      await this.client.chat.postMessage({ channel: this.rt.config.slack.caseChannel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
      return true;
    } catch (error) {
      this.metrics.slackApiFailed(failure);
      this.rt.logger.error(`could not ${what}: ${String(error)}`);
      return false;
    }
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
