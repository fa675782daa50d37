import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifySlackError } from "../../src/slack/slackErrors.js";
import { freePort } from "../support/app.js";
import { FakeSlack } from "../support/fakeSlack.js";

// The errors as the worker's own Web API client throws them (no retries, rate limits rejected).
describe("what Slack's answer means for an owed notice", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(() => slack.stop());

  const client = (url = slack.url, timeout = 2000) => new webApi.WebClient("xoxb-test", { slackApiUrl: url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout, logLevel: webApi.LogLevel.ERROR });
  const failure = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      return classifySlackError(error);
    }
    throw new Error("the call did not fail");
  };
  const post = (c = client()) => c.chat.postMessage({ channel: "C0CASES01", text: "x" });

  it("waits out Slack's passing trouble; a 429 as long as Retry-After says", async () => {
    for (const error of ["service_unavailable", "internal_error", "request_timeout"]) {
      const stop = slack.fail("chat.postMessage", { error });
      expect(await failure(post())).toEqual({ kind: "transient", error, uncertain: false });
      stop();
    }
    const fatal = slack.fail("chat.postMessage", { error: "fatal_error" });
    expect(await failure(post())).toEqual({ kind: "transient", error: "fatal_error", uncertain: true });
    fatal();
    const http = slack.fail("chat.postMessage", { status: 502 });
    expect(await failure(post())).toEqual({ kind: "transient", error: "HTTP 502", uncertain: true });
    http();
    const limited = slack.fail("chat.postMessage", { retryAfter: 7 });
    expect(await failure(post())).toEqual({ kind: "transient", error: "ratelimited", retryAfterMs: 7000, uncertain: false });
    limited();
  });

  it("knows a request that never reached Slack from one whose answer never came", async () => {
    const refused = await failure(post(client(`http://127.0.0.1:${await freePort()}/api/`)));
    expect(refused).toMatchObject({ kind: "transient", uncertain: false });
    const release = slack.hold("chat.postMessage");
    try {
      expect(await failure(post(client(slack.url, 300)))).toMatchObject({ kind: "transient", uncertain: true });
    } finally {
      release();
    }
  });

  it("tells the channel's refusal, the token's and this one message's apart", async () => {
    slack.notInChannel.add("C0CASES01");
    expect(await failure(post())).toEqual({ kind: "channel", error: "not_in_channel" });
    slack.notInChannel.delete("C0CASES01");
    for (const [error, kind] of [
      ["is_archived", "channel"],
      ["channel_not_found", "channel"],
      ["invalid_auth", "auth"],
      ["token_revoked", "auth"],
      ["account_inactive", "auth"],
      ["not_authed", "auth"],
      ["invalid_blocks", "refused"],
      ["msg_too_long", "refused"],
      ["invalid_arguments", "refused"],
      ["user_not_found", "refused"],
      ["cannot_dm_bot", "refused"],
    ] as const) {
      const stop = slack.fail("chat.postMessage", { error });
      expect(await failure(post())).toEqual({ kind, error });
      stop();
    }
  });
});
