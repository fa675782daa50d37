import { EventEmitter } from "node:events";
import type { Logger } from "@slack/logger";
import type { Config } from "./config.js";
import { AppLogger, type LogFormat, type LogLevelName } from "./logger.js";
import type { Db } from "./store/db.js";

/** What every part of the app is handed by the composition root (src/app.ts). */
export interface Runtime {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  /** the clock; tests pass their own */
  now(): Date;
  /** wake-ups between parts: "outbox" when an email was queued, "reminders" when one was set, "notices" when Slack posts were recorded (after the commit), "polls" when a delegation poll was brought forward */
  readonly signals: EventEmitter<{ outbox: []; reminders: []; notices: []; polls: [] }>;
}

export function createSignals(): Runtime["signals"] {
  return new EventEmitter<{ outbox: []; reminders: []; notices: []; polls: [] }>();
}

/** The app's logger: LOG_FORMAT's text or JSON lines, never carrying a credential or an identity number. */
export function createLogger(level: LogLevelName = "info", name = "delegering", format: LogFormat = "text"): Logger {
  return new AppLogger(format, level, name);
}
