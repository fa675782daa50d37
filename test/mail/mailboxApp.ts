import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { freshDatabase, type Backend, type TestDatabase } from "../support/db.js";
import { TestDovecot } from "../support/dovecot.js";
import { FakeSlack } from "../support/fakeSlack.js";

export interface MailboxApp {
  dovecot: TestDovecot;
  slack: FakeSlack;
  db: TestDatabase;
  app: TestApp;
}

/**
 * A Dovecot of its own, the fake Slack and the app watching that mailbox (IDLE, the outbox
 * asleep), for the describe block it is called in: started before its tests, stopped after.
 */
export function mailboxApp(backend: Backend, env: Record<string, string> = {}): MailboxApp {
  const parts = {} as MailboxApp;
  beforeAll(async () => {
    parts.dovecot = await TestDovecot.start();
    parts.slack = await new FakeSlack().start();
    parts.db = await freshDatabase(backend);
    parts.app = await startTestApp(parts.slack, parts.db, {
      IMAP_URL: parts.dovecot.url,
      IMAP_POLL_SECONDS: "60",
      MAIL_FROM: "delegering@fjorddata.no",
      OUTBOX_POLL_MS: "600000",
      ...env,
    });
  });
  afterAll(async () => {
    await parts.app?.stop();
    await parts.slack?.stop();
    await parts.dovecot?.dispose();
    await parts.db?.drop();
  });
  return parts;
}
