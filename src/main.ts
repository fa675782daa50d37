import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { redactSecrets } from "./domain/secrets.js";

// Before anything is written: every file and folder the process makes (the embedded database's
// own among them, which PGlite creates with the umask's modes) is for this user only.
process.umask(0o077);

if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const running = await startApp(loadConfig());
  let signalledAt: number | undefined;
  const shutdown = (signal: string) => {
    if (signalledAt !== undefined) {
      // One Ctrl-C can arrive twice at once (the terminal's, and npm forwarding it); a second one
      // seconds later means "stop now" to a shutdown that is taking too long.
      if (Date.now() - signalledAt < 2000) return;
      running.runtime.logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    signalledAt = Date.now();
    running.runtime.logger.info(`${signal}: finishing work in flight, then stopping`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.runtime.logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
} catch (error) {
  // Before the logger exists, so redacted here: a driver's error can quote DATABASE_URL whole.
  console.error(error instanceof ConfigError ? error.message : redactSecrets(`Delegering could not start: ${error instanceof Error ? error.stack : String(error)}`));
  process.exit(1);
}
