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

export function createLogger(level: "debug" | "info" | "warn" | "error" = "info", name = "delegering"): Logger {
  const logger = new ConsoleLogger();
  logger.setName(name);
  logger.setLevel({ debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR }[level]);
  return logger;
}
