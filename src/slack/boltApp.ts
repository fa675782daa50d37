import type { IncomingMessage, ServerResponse } from "node:http";
import { App, SocketModeReceiver, type AuthorizeResult, type CustomRoute, type webApi } from "@slack/bolt";
import type { Runtime } from "../runtime.js";
import { noticesOwed } from "../service/notices.js";
import { firstDelivery } from "../service/requests.js";
import type { Services } from "../service/services.js";
import { within } from "../within.js";
import type { SlackClients } from "./clients.js";
import { registerListeners } from "./listeners/index.js";
import type { DeliveryState } from "./noticeWorker.js";
import { socketConnection, socketModeLogger, type SlackState } from "./socketConnection.js";

export interface SlackAppOptions {
  /** answers /healthz: true while the database is reachable */
  ping: () => Promise<boolean>;
  /** what the listeners reach the data through (built by the composition root, src/app.ts) */
  services: Services;
  clients: SlackClients;
  /** what /healthz says about Slack from the notice worker's side */
  deliveryState: () => DeliveryState;
}

/** The Bolt app in the configured mode, with the listeners on the services it is given. */
export interface SlackApp {
  app: App;
  /** resolves once the listeners in flight are done (or after a while) */
  drain: () => Promise<void>;
  /** HTTP mode: listens on PORT (a failure throws). Socket Mode: also connects, and keeps trying without failing the start */
  start: () => Promise<void>;
  /** stops the Slack side (connection retries included) */
  stop: () => Promise<void>;
}

export function createSlackApp(rt: Runtime, options: SlackAppOptions): SlackApp {
  const { slack, port } = rt.config;
  const { services, deliveryState } = options;
  const { clientOptions, client } = options.clients;
  let slackState: () => SlackState = () => "http";
  const { metrics } = services;
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
    drain: () => drain(),
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
