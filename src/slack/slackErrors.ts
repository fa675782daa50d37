import { redactSecrets } from "../domain/secrets.js";

// What a failed Web API call means for an owed notice. The worker's client neither retries nor
// waits out rate limits itself (retries: 0, rejectRateLimitedCalls), so every failure comes here.

export type SlackTrouble =
  /** Slack or the way to it is in trouble that passes: try again later. `uncertain`: no answer came, Slack may have taken the post. */
  | { kind: "transient"; error: string; retryAfterMs?: number; uncertain: boolean }
  /** the case channel refuses the app (not a member, gone, archived): wait until it works */
  | { kind: "channel"; error: string }
  /** the bot token is refused: nothing can be posted until the app restarts with a working one */
  | { kind: "auth"; error: string }
  /** this one message is refused: retrying it cannot help */
  | { kind: "refused"; error: string };

const transient = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited"]);
const channel = new Set(["not_in_channel", "channel_not_found", "is_archived"]);
const auth = new Set(["invalid_auth", "token_revoked", "account_inactive", "not_authed", "token_expired"]);

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/** Whether a request error means the request never reached Slack (so Slack cannot have taken it). */
function neverSent(error: unknown): boolean {
  const original = field(error, "original");
  const cause = field(original, "cause");
  const code = field(cause, "code") ?? field(original, "code");
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

/** One line for the row and the log: Slack's error code, or what the transport said (never a token). */
export function troubleText(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

export function classifySlackError(error: unknown): SlackTrouble {
  const code = field(error, "code");
  if (code === "slack_webapi_rate_limited_error") {
    const seconds = Number(field(error, "retryAfter"));
    return { kind: "transient", error: "ratelimited", retryAfterMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000, uncertain: false };
  }
  if (code === "slack_webapi_platform_error") {
    const said = field(field(error, "data"), "error");
    const slackError = typeof said === "string" ? said : "unknown_error";
    if (auth.has(slackError)) return { kind: "auth", error: slackError };
    if (channel.has(slackError)) return { kind: "channel", error: slackError };
    // fatal_error: "some aspect of the operation may have succeeded" (Slack's words).
    if (transient.has(slackError)) return { kind: "transient", error: slackError, uncertain: slackError === "fatal_error" };
    return { kind: "refused", error: slackError };
  }
  if (code === "slack_webapi_http_error") {
    // An answer from something between us and Slack, or Slack failing: it may have done the work.
    return { kind: "transient", error: `HTTP ${String(field(error, "statusCode"))}`, uncertain: true };
  }
  // Unreachable, reset or timed out: passing trouble. Refused connections never reached Slack.
  return { kind: "transient", error: troubleText(error), uncertain: !neverSent(error) };
}
