import type { Logger } from "@slack/logger";
import { afterAll, beforeAll } from "vitest";
import type { StartOptions } from "../../src/app.js";
import { startTestApp, type TestApp } from "./app.js";
import { freshDatabase, type Backend, type TestDatabase } from "./db.js";
import { FakeSlack } from "./fakeSlack.js";

export interface AppFixture {
  slack: FakeSlack;
  db: TestDatabase;
  app: TestApp;
}

type Env = Record<string, string | undefined>;

/**
 * A fake Slack, a fresh database and the real app, started before the enclosing describe
 * block's tests and stopped after them. `bind` hands them to the test file's own variables.
 */
export function useTestApp(
  bind: (fixture: AppFixture) => void,
  env: Env | (() => Env | Promise<Env>) = {},
  options: { now?: () => Date; workers?: StartOptions["workers"]; backend?: Backend; prepare?: (slack: FakeSlack) => void; logger?: Logger } = {},
): void {
  let fixture: Partial<AppFixture> = {};
  beforeAll(async () => {
    const slack = await new FakeSlack().start();
    fixture.slack = slack;
    options.prepare?.(slack);
    const db = await freshDatabase(options.backend);
    fixture.db = db;
    const app = await startTestApp(slack, db, typeof env === "function" ? await env() : env, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    fixture = { slack, db, app };
    bind({ slack, db, app });
  });
  afterAll(async () => {
    await fixture.app?.stop();
    await fixture.slack?.stop();
    await fixture.db?.drop();
  });
}
