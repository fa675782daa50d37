import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Runtime } from "../runtime.js";
import { noticesOwed } from "../service/notices.js";
import type { Services } from "../service/services.js";
import { within } from "../within.js";
import type { DeliveryState } from "./noticeWorker.js";
import type { SlackState } from "./socketConnection.js";

/** /healthz and /metrics, served beside Slack's requests on PORT. */
export function statusRoutes(
  rt: Runtime,
  options: { ping: () => Promise<boolean>; services: Services; deliveryState: () => DeliveryState; slackState: () => SlackState },
): CustomRoute[] {
  const { services, deliveryState, slackState } = options;
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
  return [healthz, metricsRoute];
}
