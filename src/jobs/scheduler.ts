import type { Worker } from "../app.js";
import type { Services } from "../service/cases.js";
import { orderFailed } from "../store/outbox.js";
import { pruneRequestKeys } from "../store/processedRequests.js";
import { claimDueReminders, type ClaimedReminder } from "../store/reminders.js";

export interface Scheduler extends Worker {
  /** one pass: claims every due reminder and posts the reminders it sent; resolves with them */
  runOnce(): Promise<ClaimedReminder[]>;
}

const batch = 20;

/**
 * Sends due reminders. Polls every SCHEDULER_POLL_MS and wakes on the "reminders" signal. Claims
 * run under FOR UPDATE SKIP LOCKED (src/store/reminders.ts), so any number of replicas can run
 * this loop and each reminder is posted once. The notice goes out after the claim commits: a
 * Slack outage loses one post at worst, never the schedule (the next reminder is already set).
 */
export function createScheduler(svc: Services): Scheduler {
  const { rt, notifier } = svc;
  const settings = { workingDays: rt.config.reminders.workingDays, hour: rt.config.reminders.hour };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ClaimedReminder[]> | undefined;

  async function pass(): Promise<ClaimedReminder[]> {
    // Slack retries a delivery for minutes, not days: older idempotency keys can go.
    await pruneRequestKeys(rt.db, new Date(rt.now().getTime() - 86_400_000));
    const handled: ClaimedReminder[] = [];
    for (;;) {
      const claimed = await claimDueReminders(rt.db, rt.now(), settings, batch);
      handled.push(...claimed);
      for (const r of claimed) {
        if (r.outcome !== "sent") continue;
        const c = await rt.db.case.findUnique({ where: { id: r.caseId } });
        // Moved in the instant since the claim committed: the new stage has its own reminders.
        if (!c || c.stage !== r.stage) continue;
        const failed = r.stage === "order_pending" ? await orderFailed(rt.db, c.id) : undefined;
        await notifier.notify(c, { kind: "reminder", stage: r.stage, sequence: r.sequence, openReminderId: r.nextId ?? undefined, orderFailed: failed });
      }
      if (claimed.length < batch) return handled;
    }
  }

  let queued: Promise<ClaimedReminder[]> | undefined;

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

  return {
    name: "scheduler",
    runOnce,
    start() {
      rt.signals.on("reminders", wake);
      timer = setInterval(wake, rt.config.reminders.pollMs);
      timer.unref();
      wake();
    },
    async stop() {
      rt.signals.off("reminders", wake);
      if (timer) clearInterval(timer);
      timer = undefined;
      await queued;
      await running;
    },
  };
}
