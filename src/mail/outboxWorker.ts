import { previewName } from "../domain/mailIds.js";
import { claimDueMail, moveSentOrdersOn, recordDelivery, recordSendFailure, renewClaim, stillClaimed, type ClaimedMessage, type SendFailure } from "../service/outbox.js";
import type { Services } from "../service/services.js";
import { SerialPasses, type Worker } from "../service/worker.js";
import { outgoingMailOf } from "./outgoingMail.js";
import { classifySendError } from "./retryPolicy.js";
import { smtpConnections, transportFor, type Delivery, type MailTransport } from "./transport.js";

export interface OutboxWorkerOptions {
  /** defaults to SMTP_URL's pooled transport, or preview files without it */
  transport?: MailTransport;
  /** rows claimed per round; they are sent concurrently over the pool, so no more than it has connections */
  batchSize?: number;
  /** how long a claimed row stays invisible to other workers without a renewal (at most a minute) */
  leaseMs?: number;
  /** how often a send under way renews its lease (a third of the lease by default) */
  renewEveryMs?: number;
}

/**
 * A claim's lease: short, so a row whose worker died goes out from another within about a
 * minute, and renewed while the send is under way, so a slow send is never taken over.
 */
export const outboxLeaseMs = 60_000;

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
  private readonly renewEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly passes = new SerialPasses(() => this.drain());
  private readonly onSignal = () => this.kick();

  constructor(
    private readonly svc: Services,
    options: OutboxWorkerOptions = {},
  ) {
    this.transport = options.transport ?? transportFor(svc.rt.config);
    // A batch no bigger than the pool: each row is checked right before it goes out, not while
    // it waits in the pool's queue behind others.
    this.batchSize = options.batchSize ?? smtpConnections;
    this.leaseMs = Math.min(options.leaseMs ?? outboxLeaseMs, outboxLeaseMs);
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.leaseMs / 3);
  }

  start(): void {
    this.stopping = false;
    this.passes.resume();
    this.svc.rt.signals.on("outbox", this.onSignal);
    this.timer = setInterval(this.onSignal, this.svc.rt.config.mail.outboxPollMs);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.svc.rt.signals.off("outbox", this.onSignal);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.passes.stop();
    this.transport.close();
  }

  /** Runs a pass now, or right after the one under way (signals never pile up into parallel passes). */
  kick(): void {
    this.passes.kick();
  }

  /** Claims and sends until nothing is due. Returns how many rows it handled. */
  async drain(): Promise<number> {
    let handled = 0;
    try {
      while (!this.stopping) {
        const rows = await claimDueMail(this.svc, this.leaseMs, this.batchSize);
        if (rows.length === 0) break;
        await this.sendClaimed(rows);
        handled += rows.length;
      }
      if (!this.stopping) await moveSentOrdersOn(this.svc, this.batchSize);
    } catch (error) {
      // The database is away: the rows stay queued (or leased) and the next pass picks them up.
      this.svc.rt.logger.error(`outbox pass stopped: ${String(error)}`);
    }
    return handled;
  }

  /** Sends rows claimed with claimDueMail, each only if it is still the claim's to send. */
  async sendClaimed(rows: ClaimedMessage[]): Promise<void> {
    await Promise.all(rows.map((row) => this.handle(row)));
  }

  private async handle(row: ClaimedMessage): Promise<void> {
    const { rt } = this.svc;
    const what = `${row.case.reference} ${row.kind}`;
    // Cancelled since the claim (or overtaken by a newer claim): not ours to send any more.
    // Unknown (the database is away): not sent now; the row comes due again when its lease ends.
    const ours = await stillClaimed(this.svc, row).catch((error: unknown) => {
      rt.logger.error(`outbox: could not check ${what} before sending: ${String(error)}`);
      return false;
    });
    if (!ours) {
      rt.logger.info(`outbox: ${what} not sent now: cancelled, claimed again, or not checkable`);
      return;
    }
    let delivery: Delivery;
    const renewal = this.keepLease(row, what);
    try {
      const mail = outgoingMailOf(row, rt.now());
      delivery = await this.transport.send(mail, previewName(row.case.reference, row.kind));
    } catch (error) {
      // Stopped (and any renewal under way finished) before the failure is recorded: a renewal
      // must not move the retry time it sets.
      await renewal.stop();
      await this.failed(row, classifySendError(error));
      return;
    }
    // The lease is kept until the row is recorded as sent (a renewal after that changes nothing).
    try {
      if (await recordDelivery(this.svc, row, delivery)) {
        rt.logger.info(`outbox: ${what} ${delivery.mode === "preview" ? `written to ${delivery.path}` : "sent"}`);
      }
    } catch (error) {
      // The email is out but the record is not: the row's lease runs out and it would be sent
      // again, so shout about it in the log.
      rt.logger.error(`outbox row ${row.id} (${row.case.reference}) was sent but could not be recorded: ${String(error)}`);
    } finally {
      await renewal.stop();
    }
  }

  /**
   * Renews the row's lease every `renewEveryMs` until stopped (stop waits for a renewal under
   * way). A renewal that fails (the database is away) is logged: if the lease runs out meanwhile,
   * another worker may send the row again, with the same Message-ID.
   */
  private keepLease(row: ClaimedMessage, what: string): { stop(): Promise<void> } {
    const { rt } = this.svc;
    let inFlight: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      inFlight = renewClaim(this.svc, row, this.leaseMs).then(
        (ours) => {
          if (!ours) rt.logger.debug(`outbox: lease on ${what} not renewed: the row is recorded as sent, cancelled, or claimed again`);
        },
        (error: unknown) => rt.logger.error(`outbox: could not renew the lease on ${what} while sending: ${String(error)}`),
      );
    }, this.renewEveryMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await inFlight;
      },
    };
  }

  private async failed(row: ClaimedMessage, failure: SendFailure): Promise<void> {
    const { rt } = this.svc;
    try {
      const next = await recordSendFailure(this.svc, row, failure);
      rt.logger.warn(`outbox: ${row.case.reference} ${row.kind} attempt ${row.attempts} failed (${next ? `retry at ${next.toISOString()}` : "giving up"}): ${failure.text}`);
    } catch (error) {
      rt.logger.error(`outbox row ${row.id} (${row.case.reference}): could not record a failed attempt: ${String(error)}`);
    }
  }
}

export function createOutboxWorker(svc: Services, options?: OutboxWorkerOptions): OutboxWorker {
  return new OutboxWorker(svc, options);
}
