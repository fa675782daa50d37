import { LogLevel, type Logger } from "@slack/logger";

/** A logger that keeps every line (all levels), for "this never reaches a log" assertions. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  private level = LogLevel.DEBUG;
  private name = "test";

  private record(level: string, msg: unknown[]): void {
    const line = `${new Date().toISOString()} ${level} ${this.name} ${msg.map((m) => (m instanceof Error ? `${m.message}\n${m.stack ?? ""}` : typeof m === "string" ? m : JSON.stringify(m))).join(" ")}`;
    this.lines.push(line);
    if (process.env.TEST_LOG_LEVEL === "debug") console.log(line);
  }

  debug(...msg: unknown[]): void {
    this.record("debug", msg);
  }
  info(...msg: unknown[]): void {
    this.record("info", msg);
  }
  warn(...msg: unknown[]): void {
    this.record("warn", msg);
  }
  error(...msg: unknown[]): void {
    this.record("error", msg);
  }
  // Everything is recorded whatever level the app asks for: the point is to see all of it.
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  text(): string {
    return this.lines.join("\n");
  }
}
