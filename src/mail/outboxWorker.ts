import type { Worker } from "../app.js";
import type { CaseNotice } from "../domain/notices.js";
import { advanceCase, type Services } from "../service/cases.js";
import { findCase } from "../store/cases.js";
import { claimDue, currentSeries, markAttemptFailed, markSent, sentOrdersStillPending, stillClaimed, type ClaimedMessage } from "../store/outbox.js";
import { outgoingMailOf } from "./outgoingMail.js";
import { classifySendError, nextAttempt, type SendFailure } from "./retryPolicy.js";
import { longestSendMs, smtpConnections, transportFor, type Delivery, type MailTransport } from "./transport.js";

export interface OutboxWorkerOptions {
  /** defaults to SMTP_URL's pooled transport, or preview files without it */
  transport?: MailTransport;
  /** rows claimed per round; they are sent concurrently over the pool, so no more than it has connections */
  batchSize?: number;
  /** how long a claimed row stays invisible to other workers */
  leaseMs?: number;
}

/**
 * Sends what the outbox holds: wakes on the "outbox" signal and every OUTBOX_POLL_MS, claims due
 * rows (several workers or replicas may run: each row is claimed by one), sends them, records
 * the outcome, and tells the case thread. Time comes from `rt.now()`.
 */
export class OutboxWorker implements Worker {
  readonly name = "outbox";
  private readonly transport: MailTransport;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private readonly onSignal = () => this.kick();

  constructor(
    private readonly svc: Services,
    options: OutboxWorkerOptions = {},
  ) {
    this.transport = options.transport ?? transportFor(svc.rt.config);
    // A batch no bigger than the pool: each row is checked right before it goes out, not while
    // it waits in the pool's queue behind others.
    this.batchSize = options.batchSize ?? smtpConnections;
    this.leaseMs = options.leaseMs ?? Math.max(longestSendMs * 2, 10 * 60_000);
  }

  start(): void {
    this.stopping = false;
    this.svc.rt.signals.on("outbox", this.onSignal);
    this.timer = setInterval(this.onSignal, this.svc.rt.config.mail.outboxPollMs);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.svc.rt.signals.off("outbox", this.onSignal);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.transport.close();
  }

  /** Runs a pass now, or right after the one under way (signals never pile up into parallel passes). */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopping);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** Claims and sends until nothing is due. Returns how many rows it handled. */
  async drain(): Promise<number> {
    const { rt } = this.svc;
    let handled = 0;
    try {
      while (!this.stopping) {
        const rows = await claimDue(rt.db, rt.now(), this.leaseMs, this.batchSize);
        if (rows.length === 0) break;
        await this.sendClaimed(rows);
        handled += rows.length;
      }
      // A minute's grace: a send recorded just now is still being moved on by its own worker.
      for (const row of this.stopping ? [] : await sentOrdersStillPending(rt.db, new Date(rt.now().getTime() - 60_000), this.batchSize)) {
        const notice: CaseNotice = row.previewPath
          ? { kind: "order_preview", path: row.previewPath }
          : { kind: "order_sent", to: row.toAddresses, cc: row.ccAddresses, at: row.sentAt ?? rt.now() };
        await advanceCase(
          this.svc,
          { reference: row.case.reference, to: "awaiting_brreg", actor: "mail", from: "order_pending", details: { messageId: row.messageId } },
          notice,
        );
      }
    } catch (error) {
      // The database is away: the rows stay queued (or leased) and the next pass picks them up.
      rt.logger.error(`outbox pass stopped: ${String(error)}`);
    }
    return handled;
  }

  /** Sends rows claimed with claimDue, each only if it is still the claim's to send. */
  async sendClaimed(rows: ClaimedMessage[]): Promise<void> {
    await Promise.all(rows.map((row) => this.handle(row)));
  }

  private async handle(row: ClaimedMessage): Promise<void> {
    // Cancelled since the claim (or overtaken by a newer claim): not ours to send any more.
    // Unknown (the database is away): not sent now; the row comes due again when its lease ends.
    const ours = await stillClaimed(this.svc.rt.db, row).catch((error: unknown) => {
      this.svc.rt.logger.error(`outbox: could not check ${row.case.reference} ${row.kind} before sending: ${String(error)}`);
      return false;
    });
    if (!ours) {
      this.svc.rt.logger.info(`outbox: ${row.case.reference} ${row.kind} not sent now: cancelled, claimed again, or not checkable`);
      return;
    }
    let delivery: Delivery;
    try {
      const mail = outgoingMailOf(row, this.svc.rt.now());
      delivery = await this.transport.send(mail, `${row.case.reference}${row.kind === "order" ? "" : `-${row.kind}`}`);
    } catch (error) {
      await this.failed(row, classifySendError(error));
      return;
    }
    try {
      await this.delivered(row, delivery);
    } catch (error) {
      // The email is out but the record is not: the row's lease runs out and it would be sent
      // again, so shout about it in the log.
      this.svc.rt.logger.error(`outbox row ${row.id} (${row.case.reference}) was sent but could not be recorded: ${String(error)}`);
    }
  }

  private async delivered(row: ClaimedMessage, delivery: Delivery): Promise<void> {
    const { rt, notifier } = this.svc;
    const at = rt.now();
    const recorded = await markSent(rt.db, row.id, at, delivery.mode === "preview" ? delivery.path : null);
    if (!recorded) return;
    rt.logger.info(`outbox: ${row.case.reference} ${row.kind} ${delivery.mode === "preview" ? `written to ${delivery.path}` : "sent"}`);
    const cc = delivery.mode === "smtp" ? row.ccAddresses.filter((a) => !delivery.rejected.includes(a.toLowerCase())) : row.ccAddresses;
    const notice: CaseNotice =
      delivery.mode === "preview"
        ? { kind: row.kind === "order" ? "order_preview" : "followup_preview", path: delivery.path }
        : row.kind === "order"
          ? { kind: "order_sent", to: row.toAddresses, cc, at }
          : { kind: "followup_sent", to: row.toAddresses, at };
    if (row.kind === "order") {
      const moved = await advanceCase(
        this.svc,
        { reference: row.case.reference, to: "awaiting_brreg", actor: "mail", from: "order_pending", details: { messageId: row.messageId } },
        notice,
      );
      // Cancelled (or moved by hand) while the email was on its way: it still went out, say so.
      if (moved.status === "stale") await notifier.notify(moved.case, notice);
      return;
    }
    const c = await findCase(rt.db, row.case.reference);
    if (c) await notifier.notify(c, notice);
  }

  private async failed(row: ClaimedMessage, failure: SendFailure): Promise<void> {
    const { rt, notifier } = this.svc;
    try {
      const now = rt.now();
      const series = failure.temporary ? await currentSeries(rt.db, row) : null;
      const next = series ? nextAttempt(now, series.since, row.attempts - series.earlierAttempts, rt.config.mail) : null;
      const outcome = next ? ({ status: "queued", nextAttemptAt: next, error: failure.text } as const) : ({ status: "failed", error: failure.text } as const);
      const marked = await markAttemptFailed(rt.db, row, outcome, now);
      rt.logger.warn(`outbox: ${row.case.reference} ${row.kind} attempt ${row.attempts} failed (${next ? `retry at ${next.toISOString()}` : "giving up"}): ${failure.text}`);
      if (!marked) return;
      if (outcome.status === "queued" && !marked.firstRetry) return;
      const c = await findCase(rt.db, row.case.reference);
      if (!c) return;
      await notifier.notify(
        c,
        outcome.status === "queued"
          ? { kind: "order_retrying", error: failure.text, nextAttemptAt: outcome.nextAttemptAt }
          : { kind: "order_failed", error: failure.text, outboxId: row.id },
      );
    } catch (error) {
      rt.logger.error(`outbox row ${row.id} (${row.case.reference}): could not record a failed attempt: ${String(error)}`);
    }
  }
}

export function createOutboxWorker(svc: Services, options?: OutboxWorkerOptions): OutboxWorker {
  return new OutboxWorker(svc, options);
}
