import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const running = await startApp(loadConfig());
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) {
      // A second Ctrl-C (or SIGTERM) when the first is taking too long: stop now.
      running.runtime.logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    signalled = true;
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
  console.error(error instanceof ConfigError ? error.message : `Delegering could not start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
}
