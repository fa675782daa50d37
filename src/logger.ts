import { inspect } from "node:util";
import { LogLevel, type Logger } from "@slack/logger";
import { redactSecrets } from "./domain/secrets.js";

export type LogFormat = "text" | "json";
export type LogLevelName = "debug" | "info" | "warn" | "error";

/** Where a line goes: info and debug to stdout, warn and error to stderr, as console does. */
export type LogSink = (stream: "stdout" | "stderr", line: string) => void;

const severity: Record<LogLevel, number> = { [LogLevel.DEBUG]: 100, [LogLevel.INFO]: 200, [LogLevel.WARN]: 300, [LogLevel.ERROR]: 400 };

const processSink: LogSink = (stream, line) => {
  process[stream].write(`${line}\n`);
};

/** One argument as text: strings as they are, errors with their stack, the rest inspected on one line. */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  return inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
}

/**
 * The app's logger (it is handed to Bolt and the Web API client too). Text mode prints what
 * @slack/logger's ConsoleLogger prints (`[INFO]  name message`); JSON mode prints one object a
 * line, {time, level, name, msg}, for log collectors. Both redact every line.
 */
export class AppLogger implements Logger {
  private level: LogLevel;

  constructor(
    private readonly format: LogFormat,
    level: LogLevelName,
    private name: string,
    private readonly sink: LogSink = processSink,
  ) {
    this.level = level as LogLevel;
  }

  debug(...msg: unknown[]): void {
    this.write(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.write(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.write(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.write(LogLevel.ERROR, msg);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  private write(level: LogLevel, msg: unknown[]): void {
    if (severity[level] < severity[this.level]) return;
    const text = redactSecrets(msg.map(show).join(" "));
    const stream = severity[level] >= severity[LogLevel.WARN] ? "stderr" : "stdout";
    const line =
      this.format === "json"
        ? JSON.stringify({ time: new Date().toISOString(), level, name: this.name, msg: text })
        : `[${level.toUpperCase()}]  ${this.name} ${text}`;
    this.sink(stream, line);
  }
}
