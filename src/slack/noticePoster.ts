import type { CaseRecord } from "../domain/caseRecord.js";
import type { App } from "@slack/bolt";
import type { ChannelNotice, ChannelUnavailableNotice } from "../domain/noticeDelivery.js";
import type { CaseNotice } from "../domain/notices.js";
import { customerAccessText, guidanceFor } from "../service/customerMail.js";
import { latestRootOwed, noticeCase, type ClaimedNotice } from "../service/notices.js";
import type { Services } from "../service/services.js";
import { caseThread, recordThread } from "../service/threads.js";
import { weeklyOverview } from "../service/weekly.js";
import { findTaggedPost, noticeMetadata, type NoticeTag } from "./noticeSearch.js";
import { classifySlackError, troubleText, type SlackTrouble } from "./slackErrors.js";
import type { Message } from "./views/blocks.js";
import { caseMessage } from "./views/caseMessage.js";
import { renderNotice, type NoticeContext, type RenderedNotice } from "./views/caseNotices.js";
import { channelNoticeMessage, channelUnavailableMessage, dmUndeliveredFallback, refusedFallback } from "./views/deliveryNotices.js";

type Client = App["client"];

/** What became of one claimed row's try. */
export type PostResult =
  | { outcome: "posted"; ts: string; rootsUpTo?: number | null }
  /** no longer meant: nothing posted */
  | { outcome: "dropped"; reason: string }
  /** Slack refused the message (or it cannot be rendered); `standIn`: its plain-text stand-in was tried */
  | { outcome: "refused"; error: string; standIn: boolean }
  | { outcome: "trouble"; trouble: Exclude<SlackTrouble, { kind: "refused" }>; case: CaseRecord | null };

type Where = { channel: string; thread_ts?: string };

/** Slack's error when it refused the message itself, else undefined (the error is someone else's to handle). */
function refusal(error: unknown): string | undefined {
  const trouble = classifySlackError(error);
  return trouble.kind === "refused" ? trouble.error : undefined;
}

const dropped = (reason: string): PostResult => ({ outcome: "dropped", reason });

/**
 * Posts one claimed row: renders it when it is posted (in the configured language, from the
 * stored notice and the case as it is now), posts it where it goes with Slack message metadata
 * naming the row, and, when an earlier try's answer never came, first looks for that try's post.
 * Slack's failures come back as the result, never thrown; the database's are thrown.
 */
export class NoticePoster {
  private readonly ctx: NoticeContext;
  private historyScopeMissingSaid = false;

  constructor(
    private readonly svc: Services,
    private readonly client: Client,
  ) {
    const { rt } = svc;
    this.ctx = { locale: rt.config.locale, customerAccessText: (c) => customerAccessText(rt, c), guidance: (c, sentTo) => guidanceFor(rt, c, sentTo) };
  }

  private get locale() {
    return this.svc.rt.config.locale;
  }

  async post(row: ClaimedNotice): Promise<PostResult> {
    // A root row settles every root row of the case owed when the case is read: that one first.
    const rootsUpTo = row.target === "root" && row.caseId !== null ? await latestRootOwed(this.svc, row.caseId) : null;
    const c = row.caseId !== null ? await noticeCase(this.svc, row.caseId) : null;
    if (row.caseId !== null && !c) return dropped("its case is gone");
    try {
      switch (row.target) {
        case "root":
          return await this.root(row, c!, rootsUpTo);
        case "thread":
          return await this.thread(row, c!);
        case "dm":
          return await this.dm(row, c);
        case "channel":
          return await this.channel(row, c);
      }
    } catch (error) {
      const trouble = classifySlackError(error);
      // Refused, but not the message itself (a lookup on the way): nothing to stand in for.
      if (trouble.kind === "refused") return { outcome: "refused", error: trouble.error, standIn: false };
      return { outcome: "trouble", trouble, case: c };
    }
  }

  /** The case's root message, showing the case as it is now: updated in place, or posted as the thread's start. */
  private async root(row: ClaimedNotice, c: CaseRecord, rootsUpTo: number | null): Promise<PostResult> {
    if (!c.channelId || !c.threadTs) {
      const root = await this.newRoot(c, row);
      return root.refused ? { outcome: "refused", error: root.refused, standIn: true } : { outcome: "posted", ts: root.ts, rootsUpTo };
    }
    const message = caseMessage(c, this.locale);
    try {
      await this.client.chat.update({ channel: c.channelId, ts: c.threadTs, ...message });
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      // The stand-in: the root's text without its blocks, so it still says where the case stands.
      await this.client.chat.update({ channel: c.channelId, ts: c.threadTs, text: message.text, blocks: [] }).catch((e: unknown) => this.standInFailed(c.reference, e));
      return { outcome: "refused", error: refused, standIn: true };
    }
    return { outcome: "posted", ts: c.threadTs, rootsUpTo };
  }

  /**
   * Posts the case's root message in the case channel and records it as the case's thread. Its
   * blocks refused, the text alone stands in (`refused` says Slack's error). A root another post
   * recorded first wins, and ours is deleted.
   */
  private async newRoot(c: CaseRecord, row: ClaimedNotice): Promise<{ channel: string; ts: string; refused?: string }> {
    const tag: NoticeTag = { notice_id: String(row.id), part: "root" };
    const channel = this.svc.rt.config.slack.caseChannel;
    if (row.checkFirst) {
      const found = await this.lookFor({ channel, since: row.createdAt }, tag);
      if (found) return this.keepRoot(c, channel, found);
    }
    const message = caseMessage(c, this.locale);
    let refused: string | undefined;
    let posted;
    try {
      posted = await this.client.chat.postMessage({ channel, ...message, metadata: noticeMetadata(tag) });
    } catch (error) {
      refused = refusal(error);
      if (!refused) throw error;
      posted = await this.client.chat.postMessage({ channel, text: message.text, metadata: noticeMetadata(tag) });
    }
    if (!posted.ts) throw new Error(`Slack gave no ts for the root message of ${c.reference}`);
    const kept = await this.keepRoot(c, posted.channel ?? channel, posted.ts);
    return refused ? { ...kept, refused } : kept;
  }

  private async keepRoot(c: CaseRecord, channel: string, ts: string): Promise<{ channel: string; ts: string }> {
    if (await recordThread(this.svc.rt, c.id, channel, ts)) return { channel, ts };
    await this.client.chat.delete({ channel, ts }).catch(() => undefined);
    const winner = await caseThread(this.svc.rt, c.id);
    return { channel: winner.channelId ?? channel, ts: winner.threadTs ?? ts };
  }

  /** A case notice's line in the thread (the thread started first when the case has none yet). */
  private async thread(row: ClaimedNotice, c: CaseRecord): Promise<PostResult> {
    const notice = row.payload as CaseNotice;
    // A reminder is about the stage it was set for: once the case has moved on it says nothing true.
    if (notice.kind === "reminder" && c.stage !== notice.stage) return dropped("the case has left the reminder's stage");
    const rendered = renderNotice(c, notice, this.ctx) as RenderedNotice | undefined;
    if (!rendered) return { outcome: "refused", error: `unknown notice kind ${String(notice.kind)}`, standIn: false };
    if (!rendered.thread) return dropped("nothing for the thread");
    const thread = c.channelId && c.threadTs ? { channel: c.channelId, ts: c.threadTs } : await this.newRoot(c, row);
    const tag: NoticeTag = { notice_id: String(row.id) };
    if (row.checkFirst) {
      const found = await this.lookFor({ channel: thread.channel, thread: thread.ts, since: row.createdAt }, tag);
      if (found) return { outcome: "posted", ts: found };
    }
    return this.postOrStandIn(c.reference, { channel: thread.channel, thread_ts: thread.ts }, rendered.thread, tag);
  }

  /** A direct message (to the case's owner); one Slack will not deliver is told in the case's thread instead. */
  private async dm(row: ClaimedNotice, c: CaseRecord | null): Promise<PostResult> {
    const payload = row.payload as CaseNotice | ChannelUnavailableNotice;
    let message: Message | undefined;
    if (payload.kind === "channel_unavailable") message = channelUnavailableMessage(payload, this.locale);
    else if (c) {
      const rendered = renderNotice(c, payload, this.ctx) as RenderedNotice | undefined;
      if (!rendered) return { outcome: "refused", error: `unknown notice kind ${String(payload.kind)}`, standIn: false };
      message = rendered.dm;
    }
    const user = row.userId ?? c?.ownerUserId;
    if (!message || !user) return dropped("nothing for a direct message");
    const tag: NoticeTag = { notice_id: String(row.id) };
    try {
      const opened = await this.client.conversations.open({ users: user });
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`Slack opened no DM with ${user}`);
      if (row.checkFirst) {
        const found = await this.lookFor({ channel, since: row.createdAt }, tag);
        if (found) return { outcome: "posted", ts: found };
      }
      const posted = await this.client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), metadata: noticeMetadata(tag) });
      return { outcome: "posted", ts: posted.ts ?? "" };
    } catch (error) {
      const trouble = classifySlackError(error);
      // No such user, a bot, a DM channel Slack does not know: this DM cannot be delivered.
      if (trouble.kind !== "refused" && trouble.kind !== "channel") throw error;
      if (c?.channelId && c.threadTs) {
        await this.standIn({ channel: c.channelId, thread_ts: c.threadTs }, dmUndeliveredFallback(c.reference, user, trouble.error, message, this.locale), tag, c.reference);
      }
      return { outcome: "refused", error: trouble.error, standIn: Boolean(c?.threadTs) };
    }
  }

  /** A notice for the case channel outside any thread: of no case, or a case notice's channel part (rendered from the case as it is now). */
  private async channel(row: ClaimedNotice, c: CaseRecord | null): Promise<PostResult> {
    let message: Message | null | undefined;
    if (c) {
      const rendered = renderNotice(c, row.payload as CaseNotice, this.ctx) as RenderedNotice | undefined;
      if (rendered && !rendered.channel) return dropped("nothing for the case channel");
      message = rendered?.channel;
    } else {
      const notice = row.payload as ChannelNotice;
      const weekly = notice.kind === "weekly_overview" ? { overview: await weeklyOverview(this.svc), now: this.svc.rt.now() } : null;
      message = channelNoticeMessage(notice, this.locale, weekly);
    }
    if (!message) return { outcome: "refused", error: `unknown notice kind ${String(row.kind)}`, standIn: false };
    const channel = this.svc.rt.config.slack.caseChannel;
    const tag: NoticeTag = { notice_id: String(row.id) };
    if (row.checkFirst) {
      const found = await this.lookFor({ channel, since: row.createdAt }, tag);
      if (found) return { outcome: "posted", ts: found };
    }
    return this.postOrStandIn(c?.reference ?? "Delegering", { channel }, message, tag);
  }

  /** Posts the message; if Slack refuses it, a plain-text stand-in in its place, once. */
  private async postOrStandIn(reference: string, where: Where, message: Message, tag: NoticeTag): Promise<PostResult> {
    try {
      const posted = await this.client.chat.postMessage({ ...where, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), metadata: noticeMetadata(tag) });
      return { outcome: "posted", ts: posted.ts ?? "" };
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      await this.standIn(where, refusedFallback(reference, refused, message, this.locale), tag, reference);
      return { outcome: "refused", error: refused, standIn: true };
    }
  }

  private async standIn(where: Where, message: Message, tag: NoticeTag, reference: string): Promise<void> {
    await this.client.chat.postMessage({ ...where, text: message.text, metadata: noticeMetadata(tag) }).catch((error: unknown) => this.standInFailed(reference, error));
  }

  private standInFailed(reference: string, error: unknown): void {
    this.svc.rt.logger.error(`Slack refused a notice of ${reference}, and its plain-text stand-in as well: ${troubleText(error)}`);
  }

  /**
   * The earlier try's post, if Slack has it. Without the history scopes (an install older than
   * manifest.yml's) nobody can look: said once, and the notice is posted again, which may double it.
   */
  private async lookFor(where: { channel: string; thread?: string; since: Date }, tag: NoticeTag): Promise<string | null> {
    try {
      return await findTaggedPost(this.client, where, tag);
    } catch (error) {
      if (refusal(error) !== "missing_scope") throw error;
      if (!this.historyScopeMissingSaid) {
        this.historyScopeMissingSaid = true;
        this.svc.rt.logger.warn(
          "Slack refused to show the app's earlier posts (missing_scope): reinstall the app from manifest.yml (channels:history, groups:history, im:history) so a notice whose first try went unanswered is never posted twice",
        );
      }
      return null;
    }
  }
}
