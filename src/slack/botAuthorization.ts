import type { AuthorizeResult, webApi } from "@slack/bolt";
import type { Runtime } from "../runtime.js";
import { within } from "../within.js";

/**
 * Bolt's `authorize` for the one workspace: the bot token, with the bot's ids asked of Slack once
 * (auth.test) and kept. Bolt's own check with a bare token asks at construction and, with Slack
 * unreachable or the token refused, crashes the process and fails every request after; here the
 * failure is logged and the question asked again with the next request.
 */
export function botAuthorization(rt: Runtime, client: webApi.WebClient, botToken: string): () => Promise<AuthorizeResult> {
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
