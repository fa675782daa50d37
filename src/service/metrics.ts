import { Counter, Gauge, Registry } from "prom-client";
import type { Runtime } from "../runtime.js";
import { noticeStatusSchema } from "../domain/noticeDelivery.js";
import { noticeCountsByStatus, oldestOwedNoticeAt, oldestQueuedAt, openCasesByStage, outboxCountsByStatus, remindersDueCount } from "../store/metrics.js";
import { credentialExpiries } from "./credentialExpiry.js";
import type { Metrics } from "./metricsPort.js";

const outboxStatuses = ["queued", "sent", "failed", "cancelled"] as const;

/** One registry per running app (tests run several in one process). */
export function createMetrics(rt: Runtime): Metrics {
  const registry = new Registry();
  new Gauge({
    name: "delegering_outbox_messages",
    help: "Outbox rows by status.",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const counts = await outboxCountsByStatus(rt.db);
      for (const status of new Set([...outboxStatuses, ...Object.keys(counts)])) this.set({ status }, counts[status] ?? 0);
    },
  });
  new Gauge({
    name: "delegering_outbox_oldest_queued_age_seconds",
    help: "Age of the oldest queued outbox row (0 when none is queued).",
    registers: [registry],
    async collect() {
      const oldest = await oldestQueuedAt(rt.db);
      this.set(oldest ? Math.max(0, (rt.now().getTime() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: "delegering_open_cases",
    help: "Open cases by stage.",
    labelNames: ["stage"],
    registers: [registry],
    async collect() {
      for (const [stage, count] of Object.entries(await openCasesByStage(rt.db))) this.set({ stage }, count);
    },
  });
  new Gauge({
    name: "delegering_reminders_due",
    help: "Reminders due and not yet posted.",
    registers: [registry],
    async collect() {
      this.set(await remindersDueCount(rt.db, rt.now()));
    },
  });
  new Gauge({
    name: "delegering_slack_notices",
    help: "Slack notice rows by status: pending (owed to Slack), posted, failed (refused, or given up), dropped (no longer meant).",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const counts = await noticeCountsByStatus(rt.db);
      for (const status of new Set([...noticeStatusSchema.options, ...Object.keys(counts)])) this.set({ status }, counts[status] ?? 0);
    },
  });
  new Gauge({
    name: "delegering_slack_notice_oldest_pending_age_seconds",
    help: "Age of the oldest notice still owed to Slack (0 when none is).",
    registers: [registry],
    async collect() {
      const oldest = await oldestOwedNoticeAt(rt.db);
      // Notices are written on the wall clock (Slack delivery keeps it), whatever rt.now() says.
      this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: "delegering_maskinporten_credential_expiry_timestamp_seconds",
    help: "When the Maskinporten client's registered key (KEY_EXPIRES) or enterprise certificate (notAfter) ends, by environment (Unix time; absent when not known).",
    labelNames: ["environment"],
    registers: [registry],
    async collect() {
      for (const e of await credentialExpiries(rt)) this.set({ environment: e.env }, e.expiresAt.getTime() / 1000);
    },
  });
  const imapPass = new Gauge({
    name: "delegering_imap_last_success_timestamp_seconds",
    help: "When the mailbox watcher last finished a pass without error (Unix time; 0 before the first, or without IMAP_URL).",
    registers: [registry],
  });
  const slackErrors = new Counter({
    name: "delegering_slack_api_errors_total",
    help: "Slack Web API calls by the app that failed, by what the app was doing.",
    labelNames: ["operation"],
    registers: [registry],
  });
  return {
    imapPassSucceeded: (at) => imapPass.set(at.getTime() / 1000),
    slackApiFailed: (operation) => slackErrors.inc({ operation }),
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
