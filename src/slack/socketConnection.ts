import type { App, Logger, SocketModeReceiver } from "@slack/bolt";
import { doublingDelay } from "../domain/backoff.js";
import type { Runtime } from "../runtime.js";
import { within } from "../within.js";

/** Where the app stands with Slack: Socket Mode's connection, or HTTP mode (Slack calls in). */
export type SlackState = "connecting" | "connected" | "http";

export interface SocketConnection {
  /** starts the HTTP server for /healthz and /metrics and connects; resolves after the first attempt (or a bounded wait), never rejects for Slack */
  start(): Promise<void>;
  readonly state: () => SlackState;
  /** stops retrying; the receiver itself is stopped with the app */
  stop(): void;
}

/**
 * The logger for Socket Mode's receiver: the client's own line for each failed
 * apps.connections.open goes to debug, since socketConnection says it once, plainly.
 */
export function socketModeLogger(logger: Logger): Logger {
  return {
    debug: (...msg: unknown[]) => logger.debug(...msg),
    info: (...msg: unknown[]) => logger.info(...msg),
    warn: (...msg: unknown[]) => logger.warn(...msg),
    error: (...msg: unknown[]) => (typeof msg[0] === "string" && msg[0].startsWith("Failed to retrieve a new WSS URL") ? logger.debug(...msg) : logger.error(...msg)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}

/** How long the start waits for the first connection before going on without it. */
const firstAttemptWaitMs = 10_000;

/**
 * Keeps Socket Mode's connection up without letting Slack decide whether the process runs: a
 * failed connect (Slack unreachable, apps.connections.open refused) is logged once, plainly, and
 * tried again on the doubling schedule while the outbox, mailbox and reminders work on.
 */
export function socketConnection(rt: Runtime, app: App, receiver: SocketModeReceiver, port: number): SocketConnection {
  const client = receiver.client;
  let state: SlackState = "connecting";
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  client.on("connected", () => {
    state = "connected";
  });
  for (const event of ["connecting", "reconnecting", "disconnected"]) {
    client.on(event, () => {
      state = "connecting";
    });
  }
  const url = `${rt.config.slack.apiUrl ?? "https://slack.com/api/"}apps.connections.open`;

  async function attempt(failures: number): Promise<void> {
    try {
      // The first attempt also opens the HTTP server (Bolt's receiver does both).
      await (failures === 0 ? app.start(port) : client.start());
      if (stopped) {
        // Connected just as the app stopped: let go again.
        await client.disconnect();
        return;
      }
      if (failures > 0) rt.logger.info(`Slack Socket Mode: connected after ${failures} failed attempt${failures === 1 ? "" : "s"}`);
    } catch (error) {
      if (stopped) return;
      const waitMs = doublingDelay(failures + 1, 1000, 60_000);
      const reason = error instanceof Error ? error.message : String(error);
      if (failures === 0) {
        rt.logger.error(
          `Slack Socket Mode could not connect: ${url} failed (${reason}). Check SLACK_APP_TOKEN (an app-level xapp- token with connections:write), SLACK_API_URL and the network to Slack. Mail, the mailbox and reminders run on; retrying in the background.`,
        );
      } else {
        rt.logger.debug(`Slack Socket Mode: attempt ${failures + 1} failed (${reason}); next in ${Math.round(waitMs / 1000)} s`);
      }
      retry = setTimeout(() => void attempt(failures + 1), waitMs);
    }
  }

  return {
    async start() {
      await within(attempt(0), firstAttemptWaitMs, undefined);
    },
    state: () => state,
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
    },
  };
}
