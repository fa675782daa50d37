import type { IncomingMessage, ServerResponse } from "node:http";
import { App, SocketModeReceiver, webApi, type AuthorizeResult, type CustomRoute } from "@slack/bolt";
import type { Runtime } from "../runtime.js";
import { createMetrics } from "../service/metrics.js";
import { createNotifier, noticesOwed } from "../service/notices.js";
import { firstDelivery } from "../service/requests.js";
import type { Services } from "../service/services.js";
import { within } from "../within.js";
import { HomeRefresher } from "./homeRefresh.js";
import { registerListeners } from "./listeners/index.js";
import { NoticeWorker } from "./noticeWorker.js";
import { socketConnection, socketModeLogger, type SlackState } from "./socketConnection.js";

export interface SlackAppOptions {
  /** answers /healthz: true while the database is reachable */
  ping: () => Promise<boolean>;
}

/**
 * The Bolt app in the configured mode, every Web API client pointed at SLACK_API_URL, with the
 * services (notifier included) that mail and job workers share with the listeners, and the
 * worker that posts the notices they record.
 */
export interface SlackApp {
  app: App;
  services: Services;
  /** posts the SlackNotice rows; started and stopped with the other workers */
  noticeWorker: NoticeWorker;
  drain: () => Promise<void>;
  /** HTTP mode: listens on PORT (a failure throws). Socket Mode: also connects, and keeps trying without failing the start */
  start: () => Promise<void>;
  /** stops the Slack side (connection retries included) */
  stop: () => Promise<void>;
}

export function createSlackApp(rt: Runtime, options: SlackAppOptions): SlackApp {
  const { slack, port } = rt.config;
  // A Web API call of a listener gives up within a couple of minutes (the client's default
  // retries for half an hour): it answers a person, who must not wait behind an outage.
  const clientOptions = { ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}), timeout: 30_000, retryConfig: { retries: 3, factor: 2, minTimeout: 1000 } };
  let slackState: () => SlackState = () => "http";
  let deliveryState: () => "ok" | "unauthorized" = () => "ok";
  const metrics = createMetrics(rt);
  // 200 while the database answers (a load balancer's check); Slack's state and the notices
  // owed to it are for people.
  const healthz: CustomRoute = {
    path: "/healthz",
    method: ["GET"],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void options.ping().then(async (ok) => {
        const owed = ok ? await within(noticesOwed(services), 2000, null).catch(() => null) : null;
        res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok, database: ok ? "reachable" : "unreachable", slack: deliveryState() === "unauthorized" ? "unauthorized" : slackState(), noticesOwed: owed }));
      });
    },
  };
  // Prometheus text; the gauges about the data are read from the database now.
  const metricsRoute: CustomRoute = {
    path: "/metrics",
    method: ["GET"],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void metrics.scrape().then(
        ({ contentType, text }) => {
          res.writeHead(200, { "content-type": contentType });
          res.end(text);
        },
        (error: unknown) => {
          rt.logger.error(`/metrics failed: ${String(error)}`);
          res.writeHead(503, { "content-type": "text/plain" });
          res.end("metrics unavailable: the database did not answer\n");
        },
      );
    },
  };
  // The app's own client (Home refresh, permission check) carries the bot token; listeners get
  // one from `authorize` below.
  const client = new webApi.WebClient(slack.botToken, { ...clientOptions, logger: rt.logger, logLevel: rt.logger.getLevel() });
  // The notice worker's client neither retries nor waits out a rate limit itself: every failure
  // comes back to the worker, which keeps the row and decides (src/slack/slackErrors.ts). A post
  // without an answer within 10 s is looked for before it is posted again.
  const noticeClient = new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: rt.logger,
    logLevel: rt.logger.getLevel(),
  });
  // convoStore: false: Bolt's conversation store (a per-request lookup in memory) is unused here.
  const common = { authorize: botAuthorization(rt, client, slack.botToken), logger: rt.logger, logLevel: rt.logger.getLevel(), clientOptions, convoStore: false as const };
  const customRoutes = [healthz, metricsRoute];
  // Socket Mode's receiver is made here (Bolt would make the same) so its connection can be
  // watched and retried; it makes its own client for apps.connections.open.
  const receiver =
    slack.mode === "socket"
      ? new SocketModeReceiver({ appToken: slack.appToken ?? "", logger: socketModeLogger(rt.logger), logLevel: rt.logger.getLevel(), customRoutes, installerOptions: { clientOptions, port } })
      : undefined;
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, customRoutes, signingSecret: slack.signingSecret, port });
  const connection = receiver ? socketConnection(rt, app, receiver, port) : undefined;
  if (connection) slackState = connection.state;

  // Shutdown waits for the listeners already running (a case half-created is never cut off).
  let inFlight = 0;
  let idle: (() => void) | undefined;
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    }
  });
  const drain = (timeoutMs = 10_000) =>
    inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, timeoutMs).unref();
        });

  const homes = new HomeRefresher(() => services, client, rt.config.slack.homeRefreshSeconds * 1000);
  const services: Services = { rt, notifier: createNotifier(rt, (owner) => homes.changed(owner)), metrics };
  const noticeWorker = new NoticeWorker(services, noticeClient, metrics);
  deliveryState = () => noticeWorker.deliveryState();

  // Slack re-delivers an event when our ack was late; handle each event id once.
  app.use(async ({ body, next, ack }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !(await firstDelivery(services, `event:${eventId}`))) {
      rt.logger.debug(`event ${eventId} already handled, skipping the retry`);
      if (ack) await ack();
      return;
    }
    await next();
  });

  app.error((error) => {
    rt.logger.error(`listener failed: ${error.message}`);
    return Promise.resolve();
  });

  registerListeners(app, services, client);
  return {
    app,
    services,
    noticeWorker,
    drain: async () => {
      await drain();
      await homes.stop();
    },
    start: async () => {
      if (connection) await connection.start();
      else await app.start(port);
    },
    stop: async () => {
      connection?.stop();
      await app.stop();
    },
  };
}

/**
 * Bolt's `authorize` for the one workspace: the bot token, with the bot's ids asked of Slack once
 * (auth.test) and kept. Bolt's own check with a bare token asks at construction and, with Slack
 * unreachable or the token refused, crashes the process and fails every request after; here the
 * failure is logged and the question asked again with the next request.
 */
function botAuthorization(rt: Runtime, client: webApi.WebClient, botToken: string): () => Promise<AuthorizeResult> {
  let identity: Promise<Pick<AuthorizeResult, "botId" | "botUserId">> | undefined;
  const ask = () =>
    (identity ??= client.auth.test().then(
      (r) => {
        rt.logger.info(`Slack: signed in as ${r.user ?? "?"} in ${r.team ?? "?"}`);
        return { botId: r.bot_id, botUserId: r.user_id };
      },
      (error: unknown) => {
        identity = undefined;
        rt.logger.error(`Slack did not answer auth.test (${String(error)}): check SLACK_BOT_TOKEN and the network; asking again with the next request`);
        return {};
      },
    ));
  void ask();
  // A request waits for the ids a moment at most: it must still be acked within Slack's 3 s, and
  // the bot token alone is enough to answer it.
  return async () => ({ botToken, ...(await within(ask(), 500, {})) });
}
