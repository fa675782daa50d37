import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { App } from "@slack/bolt";
import type { Metrics } from "../service/metricsPort.js";
import {
  claimNotices,
  deliveryClock,
  giveBack,
  nextNoticeDue,
  noteDropped,
  notePosted,
  noteRefused,
  noteTrouble,
  noticesOwed,
  renewNoticeClaims,
  slackAnswersAgain,
  tellOwnerOfChannelTrouble,
  type ClaimedNotice,
} from "../service/notices.js";
import type { Services } from "../service/services.js";
import { SerialPasses, type Worker } from "../service/worker.js";
import { NoticePoster, type PostResult } from "./noticePoster.js";
import { troubleText } from "./slackErrors.js";

export interface NoticeWorkerOptions {
  /** rows claimed at a time; they are posted one after another */
  batchSize?: number;
  /** how long a claim stays invisible to other workers without a renewal */
  leaseMs?: number;
  /** the longest wait between looks at the table (rows of other replicas, retries) */
  pollMs?: number;
  /** while Slack refuses the bot token: how often auth.test asks whether it works again */
  authRetryMs?: number;
}

/**
 * A claim's lease: short, so the rows of a replica that died are posted by another within about
 * a minute, and renewed every third of it while the batch is worked through.
 */
export const noticeLeaseMs = 60_000;

/** What /healthz says about Slack from the worker's side. */
export type DeliveryState = "ok" | "unauthorized";

/**
 * Posts what the SlackNotice table owes: wakes on the "notices" signal (after each commit that
 * wrote rows) and at the next row's retry time (at most every `pollMs`), claims due rows (any
 * number of replicas: each row is claimed by one), posts each, and settles it by what Slack
 * answered. Slack trouble never reaches the services: rows wait, retry, or fail with Slack's error.
 */
export class NoticeWorker implements Worker {
  readonly name = "slack-notices";
  private readonly workerId = `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
  private readonly poster: NoticePoster;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly authRetryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly passes = new SerialPasses(
    () => this.pass(),
    () => this.schedule(),
  );
  private stopping = true;
  private state: DeliveryState = "ok";
  /** Slack asked to wait (HTTP 429) until then; nothing is posted before it */
  private pausedUntil = 0;
  /** a try failed with Slack's passing trouble since the last post Slack took */
  private troubled = false;
  private channelTroubleSaid = false;
  private lastTokenCheck = 0;
  private readonly onSignal = () => this.kick();
  /** every pause, lease and retry of delivery is read on the delivery clock (src/service/notices.ts) */
  private readonly now = () => deliveryClock().getTime();

  constructor(
    private readonly svc: Services,
    private readonly client: App["client"],
    private readonly metrics: Metrics,
    options: NoticeWorkerOptions = {},
  ) {
    this.poster = new NoticePoster(svc, client);
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = options.leaseMs ?? noticeLeaseMs;
    this.pollMs = options.pollMs ?? 5000;
    this.authRetryMs = options.authRetryMs ?? 60_000;
  }

  /** "unauthorized" once Slack refused the bot token, until it takes it again. */
  deliveryState(): DeliveryState {
    return this.state;
  }

  start(): void {
    this.stopping = false;
    this.passes.resume();
    this.svc.rt.signals.on("notices", this.onSignal);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.svc.rt.signals.off("notices", this.onSignal);
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.passes.stop();
  }

  /** Runs a pass now, or right after the one under way (signals never pile up into parallel passes). */
  kick(): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.passes.kick();
  }

  /** Posts until nothing is due (or Slack asked to wait, or refused the token). */
  private async pass(): Promise<void> {
    const { rt } = this.svc;
    try {
      if (this.state === "unauthorized" && !(await this.tokenWorks())) return;
      while (!this.stopping && this.state === "ok" && this.now() >= this.pausedUntil) {
        const rows = await claimNotices(this.svc, this.workerId, this.leaseMs, this.batchSize);
        if (rows.length === 0) break;
        await this.work(rows);
      }
    } catch (error) {
      // The database is away: the rows stay owed (or leased) and a later pass picks them up.
      rt.logger.error(`Slack notice pass stopped: ${String(error)}`);
    }
  }

  /** The next look: at the next row's retry time or lease end, at most `pollMs` away. */
  private schedule(): void {
    if (this.stopping) return;
    void (async () => {
      let wait = this.pollMs;
      try {
        if (this.state === "unauthorized") wait = this.authRetryMs;
        else if (this.pausedUntil > this.now()) wait = this.pausedUntil - this.now();
        else {
          const due = await nextNoticeDue(this.svc);
          if (due) wait = Math.min(this.pollMs, Math.max(20, due.getTime() - this.now()));
        }
      } catch {
        // The database is away: look again after the usual wait.
      }
      if (this.stopping || this.passes.busy) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), wait);
      this.timer.unref();
    })();
  }

  /** Posts a batch in order; what is left when Slack asks to wait (or the worker stops) is given back untried. */
  private async work(rows: ClaimedNotice[]): Promise<void> {
    const renewal = setInterval(() => {
      renewNoticeClaims(this.svc, rows, this.workerId, this.leaseMs).catch((error: unknown) =>
        this.svc.rt.logger.error(`could not renew the lease on ${rows.length} Slack notice(s): ${String(error)}`),
      );
    }, Math.floor(this.leaseMs / 3));
    renewal.unref();
    try {
      for (const [i, row] of rows.entries()) {
        if (this.stopping || this.state !== "ok" || this.now() < this.pausedUntil) {
          for (const left of rows.slice(i)) await giveBack(this.svc, left, new Date(Math.max(this.now(), this.pausedUntil)));
          return;
        }
        await this.settle(row, await this.poster.post(row));
      }
    } finally {
      clearInterval(renewal);
    }
  }

  private async settle(row: ClaimedNotice, result: PostResult): Promise<void> {
    const { rt } = this.svc;
    const what = `notice ${row.id} (${row.kind} → ${row.target}${row.caseId !== null ? `, case ${row.caseId}` : ""})`;
    switch (result.outcome) {
      case "posted":
        if (!(await notePosted(this.svc, row, result.ts, result.rootsUpTo))) rt.logger.warn(`${what} was posted, but its claim had been taken over: the other worker looks for the post first`);
        this.channelTroubleSaid = false;
        if (this.troubled) {
          this.troubled = false;
          const waiting = await slackAnswersAgain(this.svc);
          rt.logger.info(`Slack answers again: ${waiting} notice(s) that waited out its trouble are due now`);
        }
        return;
      case "dropped":
        await noteDropped(this.svc, row, result.reason);
        rt.logger.debug(`${what} dropped: ${result.reason}`);
        return;
      case "refused":
        this.metrics.slackApiFailed(`notice_${row.target}`);
        await noteRefused(this.svc, row, result.error);
        rt.logger.warn(`Slack refused ${what}: ${result.error}; it is marked failed${result.standIn ? ", a plain-text stand-in went in its place" : ""}, and the case's next notices go on`);
        return;
      case "trouble":
        return this.trouble(row, what, result);
    }
  }

  private async trouble(row: ClaimedNotice, what: string, result: Extract<PostResult, { outcome: "trouble" }>): Promise<void> {
    const { rt } = this.svc;
    const { trouble } = result;
    this.metrics.slackApiFailed(`notice_${row.target}`);
    if (trouble.kind === "auth") {
      await giveBack(this.svc, row);
      if (this.state !== "unauthorized") {
        this.state = "unauthorized";
        this.lastTokenCheck = this.now();
        rt.logger.error(
          `Slack refused the bot token (${trouble.error}): nothing is posted until it works. ${await noticesOwed(this.svc)} notice(s) are kept; put a working SLACK_BOT_TOKEN in place and restart the app, and everything owed is posted`,
        );
      }
      return;
    }
    const next = await noteTrouble(this.svc, row, { kind: trouble.kind, error: trouble.error, retryAfterMs: trouble.kind === "transient" ? trouble.retryAfterMs : undefined, uncertain: trouble.kind === "transient" && trouble.uncertain });
    if (trouble.kind === "transient" && trouble.retryAfterMs !== undefined) {
      // Slack's rate limit: nothing more until it says so.
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + trouble.retryAfterMs);
      rt.logger.debug(`Slack is rate-limiting: waiting ${trouble.retryAfterMs} ms`);
      return;
    }
    if (!next) {
      rt.logger.error(`gave up on ${what} after ${rt.config.slack.noticeGiveUpHours} h of Slack answering ${trouble.error}: it is marked failed`);
      return;
    }
    if (trouble.kind === "channel") {
      const channel = result.case?.channelId ?? rt.config.slack.caseChannel;
      if (result.case) await tellOwnerOfChannelTrouble(this.svc, result.case, channel, trouble.error);
      if (!this.channelTroubleSaid) {
        this.channelTroubleSaid = true;
        rt.logger.warn(`Slack refuses posts in ${channel} (${trouble.error}): invite the app to the channel or set SLACK_CASE_CHANNEL; the notices wait and are posted once it works`);
      }
      return;
    }
    if (!this.troubled) rt.logger.warn(`Slack did not take ${what} (${trouble.error}): it and the rest wait, next try at ${next.toISOString()}`);
    else rt.logger.debug(`Slack did not take ${what} (${trouble.error}): next try at ${next.toISOString()}`);
    this.troubled = true;
  }

  /** While the token is refused: whether Slack takes it again now (a new token needs a restart; a passing refusal does not). */
  private async tokenWorks(): Promise<boolean> {
    if (this.now() - this.lastTokenCheck < this.authRetryMs) return false;
    this.lastTokenCheck = this.now();
    try {
      await this.client.auth.test();
    } catch (error) {
      this.svc.rt.logger.debug(`Slack still refuses the bot token: ${troubleText(error)}`);
      return false;
    }
    this.state = "ok";
    this.svc.rt.logger.info("Slack takes the bot token again: posting what is owed");
    return true;
  }
}
