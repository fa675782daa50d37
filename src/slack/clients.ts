import { webApi } from "@slack/bolt";
import type { Runtime } from "../runtime.js";

/** The Web API clients the app holds, every one pointed at SLACK_API_URL. */
export interface SlackClients {
  /** the options Bolt gives the clients it makes for listeners */
  clientOptions: webApi.WebClientOptions;
  /** the app's own client (Home refresh, permission check), with the bot token */
  client: webApi.WebClient;
  /** the notice worker's client: every failure comes back to the worker */
  noticeClient: webApi.WebClient;
}

export function createSlackClients(rt: Runtime): SlackClients {
  const { slack } = rt.config;
  // A Web API call of a listener gives up within a couple of minutes (the client's default
  // retries for half an hour): it answers a person, who must not wait behind an outage.
  const clientOptions = { ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}), timeout: 30_000, retryConfig: { retries: 3, factor: 2, minTimeout: 1000 } };
  // The app's own client (Home refresh, permission check) carries the bot token; listeners get
  // one from `authorize` (src/slack/botAuthorization.ts).
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
  return { clientOptions, client, noticeClient };
}
