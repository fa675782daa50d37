import { credentialNoticesIfDue } from "../service/credentialExpiry.js";
import { pollsDue } from "../service/delegationPolling.js";
import { remindersDue, type ClaimedReminder } from "../service/reminders.js";
import { forgetOldRequests } from "../service/requests.js";
import { retentionPassIfDue } from "../service/retention.js";
import type { Services } from "../service/services.js";
import { weeklyOverviewIfDue } from "../service/weekly.js";
import type { Worker } from "../service/worker.js";

export interface Scheduler extends Worker {
  /** one pass: claims every due reminder and posts the reminders it sent; resolves with them */
  runOnce(): Promise<ClaimedReminder[]>;
}

/**
 * Sends due reminders, makes due Maskinporten polls, announces expiring Maskinporten keys and
 * certificates and, on Monday from REMINDER_HOUR, posts the weekly overview. Ticks every SCHEDULER_POLL_MS and wakes on the "reminders" signal. Claims run
 * under FOR UPDATE SKIP LOCKED (src/service/reminders.ts, src/service/delegationPolling.ts), so any
 * number of replicas can run this loop and each reminder is posted, each poll made, once. Polls
 * run beside the reminder passes, not in them: a slow Maskinporten must not hold up reminders.
 * So does the personal-data pass (src/service/retention.ts), claimed once per six-hour slot by
 * one replica: on each tick, not on wake-ups, since it is due a few times a day.
 */
export function createScheduler(svc: Services): Scheduler {
  const { rt } = svc;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ClaimedReminder[]> | undefined;

  async function pass(): Promise<ClaimedReminder[]> {
    await forgetOldRequests(svc);
    const sent = await remindersDue(svc);
    await weeklyOverviewIfDue(svc).catch((error: unknown) => rt.logger.error(`weekly overview failed: ${String(error)}`));
    await credentialNoticesIfDue(svc).catch((error: unknown) => rt.logger.error(`credential expiry notices failed: ${String(error)}`));
    return sent;
  }

  let queued: Promise<ClaimedReminder[]> | undefined;
  let polling: Promise<void> | undefined;
  let retaining: Promise<void> | undefined;
  let pollAgain = false;

  /**
   * One pass over the due polls at a time; a tick during one finds it running and leaves it, but
   * a poll brought forward meanwhile («Sjekk nå», a customer's reply) gets one more pass after it.
   */
  function pollTick(again = false): void {
    if (polling) {
      pollAgain ||= again;
      return;
    }
    polling = pollsDue(svc)
      .then(() => undefined)
      .catch((error: unknown) => {
        rt.logger.error(`delegation poll pass failed: ${String(error)}`);
      })
      .finally(() => {
        polling = undefined;
        if (pollAgain && timer) {
          pollAgain = false;
          pollTick();
        }
      });
  }
  const pollNow = () => pollTick(true);

  function retentionTick(): void {
    if (retaining) return;
    retaining = retentionPassIfDue(svc)
      .then(() => undefined)
      .catch((error: unknown) => {
        rt.logger.error(`personal data pass failed: ${String(error)}`);
      })
      .finally(() => {
        retaining = undefined;
      });
  }

  function runOnce(): Promise<ClaimedReminder[]> {
    // A wake-up during a pass gets one more pass afterwards (shared by every wake-up meanwhile),
    // so a reminder set while a pass runs does not wait for the next poll.
    if (running) {
      queued ??= running.then(() => {
        queued = undefined;
        return runOnce();
      });
      return queued;
    }
    running = pass()
      .catch((error: unknown) => {
        rt.logger.error(`reminder pass failed: ${String(error)}`);
        return [] as ClaimedReminder[];
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const wake = () => void runOnce();
  const tick = () => {
    wake();
    pollTick();
    retentionTick();
  };

  return {
    name: "scheduler",
    runOnce,
    start() {
      rt.signals.on("reminders", wake);
      rt.signals.on("polls", pollNow);
      timer = setInterval(tick, rt.config.reminders.pollMs);
      timer.unref();
      tick();
    },
    async stop() {
      rt.signals.off("reminders", wake);
      rt.signals.off("polls", pollNow);
      if (timer) clearInterval(timer);
      timer = undefined;
      await queued;
      await running;
      await polling;
      await retaining;
    },
  };
}
