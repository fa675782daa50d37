import { EventEmitter } from "node:events";
import { ConsoleLogger, LogLevel, type Logger } from "@slack/logger";
import type { Config } from "./config.js";
import type { Db } from "./store/db.js";

/** What every part of the app is handed by the composition root (src/app.ts). */
export interface Runtime {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  /** the clock; tests pass their own */
  now(): Date;
  /** wake-ups between parts: "outbox" when an email was queued, "reminders" when one was set */
  readonly signals: EventEmitter<{ outbox: []; reminders: [] }>;
}

export function createSignals(): Runtime["signals"] {
  return new EventEmitter<{ outbox: []; reminders: [] }>();
}

export function createLogger(name = "delegering"): Logger {
  const logger = new ConsoleLogger();
  logger.setName(name);
  const level = process.env.LOG_LEVEL?.toLowerCase();
  logger.setLevel(
    level === "debug" ? LogLevel.DEBUG : level === "warn" ? LogLevel.WARN : level === "error" ? LogLevel.ERROR : LogLevel.INFO,
  );
  return logger;
}
