import type { App } from "@slack/bolt";
import type { Config } from "./config.js";
import { keepDataDirPrivate } from "./dataDir.js";
import { createLogger, createSignals, type Runtime } from "./runtime.js";
import { createOutboxWorker } from "./mail/outboxWorker.js";
import { createScheduler } from "./jobs/scheduler.js";
import { createMetrics } from "./service/metrics.js";
import { createNotifier } from "./service/notices.js";
import type { Services } from "./service/services.js";
import { createTokenChecks } from "./service/verifyToken.js";
import type { Worker } from "./service/worker.js";
import { createSlackApp } from "./slack/boltApp.js";
import { createSlackClients } from "./slack/clients.js";
import { HomeRefresher } from "./slack/homeRefresh.js";
import { NoticeWorker } from "./slack/noticeWorker.js";
import { openStore, type Store } from "./store/db.js";

export interface RunningApp {
  readonly runtime: Runtime;
  readonly store: Store;
  readonly slack: App;
  readonly services: Services;
  stop(): Promise<void>;
}

/** The background loops by name (each worker's `name`). */
export const workerNames = ["outbox", "scheduler", "inbox", "token-checks", "slack-notices"] as const;
export type WorkerName = (typeof workerNames)[number];

export interface StartOptions {
  /** the clock every lease, backoff and schedule reads; tests pass their own */
  now?: () => Date;
  /** the background loops to start; default: all (tests leave out those whose passes they run themselves) */
  workers?: readonly WorkerName[];
  logger?: Runtime["logger"];
  /** tests that share an already migrated database skip the migrator */
  migrate?: boolean;
}

/**
 * The background loops; each feature adds its own. The mailbox watcher (imapflow and mailparser,
 * some 30 MB and a few hundred ms to load) is loaded only when a mailbox is watched (and chosen).
 */
async function createWorkers(svc: Services, chosen: ReadonlySet<string>): Promise<Worker[]> {
  const { imapUrl } = svc.rt.config.mail;
  const inbox = imapUrl && chosen.has("inbox") ? [(await import("./mail/inboxWatcher.js")).createInboxWatcher(svc, imapUrl)] : [];
  return [createOutboxWorker(svc), createScheduler(svc), ...inbox, createTokenChecks(svc)];
}

/** Composition root: config → store → runtime → services (notifier, Home refresher) → workers → Slack. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel, "delegering", config.logFormat);
  await keepDataDirPrivate(config.dataDir, logger);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: options.migrate ?? true, statementTimeoutMs: config.databaseStatementTimeoutMs });
  const runtime: Runtime = { config, db: store.db, logger, now: options.now ?? (() => new Date()), signals: createSignals() };
  const metrics = createMetrics(runtime);
  const clients = createSlackClients(runtime);
  // Home is published again after cases change; the notifier tells it which owners' cases did.
  const homes = new HomeRefresher(() => services, clients.client, config.slack.homeRefreshSeconds * 1000);
  const services: Services = { rt: runtime, notifier: createNotifier(runtime, (owner) => homes.changed(owner)), metrics };
  // Posts the SlackNotice rows the services record; started and stopped with the other workers.
  const noticeWorker = new NoticeWorker(services, clients.noticeClient, metrics);
  const chosen = new Set<string>(options.workers ?? workerNames);
  const workers: Worker[] = [...(await createWorkers(services, chosen)), noticeWorker].filter((w) => chosen.has(w.name));
  const { app: slack, drain, start: startSlack, stop: stopSlack } = createSlackApp(runtime, {
    ping: () => store.ping(),
    services,
    clients,
    deliveryState: () => noticeWorker.deliveryState(),
  });

  try {
    // In Socket Mode a Slack that cannot be reached does not fail the start (it is retried).
    await startSlack();
  } catch (error) {
    await store.close();
    throw error;
  }
  for (const worker of workers) worker.start();
  logger.info(
    `Delegering is running: Slack ${config.slack.mode} mode, port ${config.port}, database ${store.kind === "pglite" ? `embedded in ${config.dataDir}` : "PostgreSQL"}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    runtime,
    store,
    slack,
    services,
    stop() {
      stopping ??= (async () => {
        // Listeners in flight finish first, while the connection that carries their acks (the
        // socket, or the HTTP server) is still open; then Slack is disconnected.
        await drain();
        await homes.stop();
        await stopSlack();
        await Promise.all(workers.map((w) => w.stop()));
        await store.close();
      })();
      return stopping;
    },
  };
}
