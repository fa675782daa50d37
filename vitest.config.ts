import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    // Most test files wait on timers, servers and leases rather than the CPU: Vitest's default
    // (one worker fewer than the cores, so one on a 2-core machine) ran them one after another.
    // Three at once on 2 cores took the whole suite from about 25 to under 9 minutes here.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
