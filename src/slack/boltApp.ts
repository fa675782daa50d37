import { App, SocketModeReceiver } from "@slack/bolt";
import type { Runtime } from "../runtime.js";
import { firstDelivery } from "../service/requests.js";
import type { Services } from "../service/services.js";
import { botAuthorization } from "./botAuthorization.js";
import type { SlackClients } from "./clients.js";
import { statusRoutes } from "./statusRoutes.js";
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
  // convoStore: false: Bolt's conversation store (a per-request lookup in memory) is unused here.
  const common = { authorize: botAuthorization(rt, client, slack.botToken), logger: rt.logger, logLevel: rt.logger.getLevel(), clientOptions, convoStore: false as const };
  const customRoutes = statusRoutes(rt, { ping: options.ping, services, deliveryState, slackState: () => slackState() });
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
