import { createServer } from "node:net";
import { z } from "zod";
import { startApp, type RunningApp, type StartOptions } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/runtime.js";
import type { TestDatabase } from "./db.js";
import type { FakeSlack } from "./fakeSlack.js";
import { slackSignature } from "./signing.js";

export const signingSecret = "test-signing-secret";
export const caseChannel = "C0CASES01";
export const teamId = "T0TEST";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestApp {
  app: RunningApp;
  url: string;
  slack: FakeSlack;
  /** POSTs a signed raw body to /slack/events */
  post(body: string, contentType: string, options?: { timestamp?: number; secret?: string; headers?: Record<string, string> }): Promise<Response>;
  /** a slash command, signed; resolves to the HTTP response */
  command(text: string, options?: { user?: string; command?: string }): Promise<Response>;
  /** an interactivity payload (view_submission, block_actions …), signed */
  interact(payload: Record<string, unknown>): Promise<Response>;
  /** an Events API callback, signed */
  event(event: Record<string, unknown>, eventId?: string): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the real app in HTTP mode on a free port against the fake Slack and a test database, with the workers chosen (default: all). */
export async function startTestApp(
  slack: FakeSlack,
  db: TestDatabase,
  env: Record<string, string | undefined> = {},
  options: Pick<StartOptions, "now" | "workers" | "logger"> = {},
): Promise<TestApp> {
  const port = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_MODE: "http",
    SLACK_API_URL: slack.url,
    SLACK_CASE_CHANNEL: caseChannel,
    PORT: String(port),
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.databaseUrl,
    ENHETSREGISTERET_URL: "http://127.0.0.1:9/enhetsregisteret/api",
    // Brreg's RRH API is asked only by the tests that start its stand-in (test/support/fakeRrh.ts).
    RRH_TEST_URL: "off",
    ...env,
  });
  const level = z.enum(["debug", "info", "warn", "error"]).catch("error").parse(process.env.TEST_LOG_LEVEL);
  const logger = options.logger ?? createLogger(level, "test");
  const app = await startApp(config, { migrate: false, logger, ...(options.now ? { now: options.now } : {}), ...(options.workers ? { workers: options.workers } : {}) });
  const url = `http://127.0.0.1:${port}`;

  const post: TestApp["post"] = (body, contentType, o = {}) =>
    fetch(`${url}/slack/events`, {
      method: "POST",
      headers: { "content-type": contentType, ...slackSignature(o.secret ?? signingSecret, body, o.timestamp), ...o.headers },
      body,
    });

  return {
    app,
    url,
    slack,
    post,
    command(text, o = {}) {
      const body = new URLSearchParams({
        token: "legacy",
        team_id: teamId,
        team_domain: "test",
        channel_id: "C0RANDOM1",
        channel_name: "random",
        user_id: o.user ?? "U0ALICE",
        user_name: "alice",
        command: o.command ?? "/delegering",
        // Slack sends & < > in a command's text as entities.
        text: text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
        api_app_id: "A0APP",
        response_url: slack.responseUrl(),
        trigger_id: `trigger.${Date.now()}`,
      }).toString();
      return post(body, "application/x-www-form-urlencoded");
    },
    interact(payload) {
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
    },
    event(event, eventId = `Ev${Date.now()}${Math.random().toString(36).slice(2, 8)}`) {
      return post(
        JSON.stringify({ token: "legacy", team_id: teamId, api_app_id: "A0APP", type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000), event }),
        "application/json",
      );
    },
    stop: () => app.stop(),
  };
}
