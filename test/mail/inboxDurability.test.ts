import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseChannel, startTestApp, type TestApp } from "../support/app.js";
import { freshDatabase, hasPostgres, type TestDatabase } from "../support/db.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { until } from "../slack/followupHelpers.js";
import { strayBrregMail } from "./inboxMail.js";

// Brreg mail that fits no case is posted to the channel once per message: counting those posts
// shows whether a message was handled once, none or twice.
function channelPosts(slack: FakeSlack, subject: string): number {
  return slack.callsOf("chat.postMessage").filter((x) => x.args.channel === caseChannel && String(x.args.text).includes(`«${subject}»`)).length;
}

describe.skipIf(!hasDovecot())("the mailbox watcher over restarts, without IDLE, and in replicas", () => {
  describe("a server without IDLE", () => {
    let dovecot: TestDovecot;
    let slack: FakeSlack;
    let db: TestDatabase;

    beforeAll(async () => {
      dovecot = await TestDovecot.start({ idle: false });
      slack = await new FakeSlack().start();
      db = await freshDatabase("pglite");
    });
    afterAll(async () => {
      await slack?.stop();
      await dovecot?.dispose();
      await db?.drop();
    });

    const start = async (logs: RecordingLogger) => startTestApp(slack, db, { IMAP_URL: dovecot.url, IMAP_POLL_SECONDS: "1" }, { logger: logs });

    it("is polled, and each message is handled once across a restart, including mail that came while the app was down", async () => {
      const logs = new RecordingLogger();
      const first = await start(logs);
      try {
        await until(() => logs.text().includes("polling every 1 s"), "the watcher to connect and poll");
        await dovecot.append(strayBrregMail("Før omstart"));
        await slack.waitFor(() => channelPosts(slack, "Før omstart") === 1);
      } finally {
        await first.stop();
      }

      await dovecot.append(strayBrregMail("Mens appen var nede"));
      const second = await start(new RecordingLogger());
      try {
        await slack.waitFor(() => channelPosts(slack, "Mens appen var nede") === 1);
        await dovecot.append(strayBrregMail("Etter omstart"));
        await slack.waitFor(() => channelPosts(slack, "Etter omstart") === 1);
      } finally {
        await second.stop();
      }
      // Both apps have stopped (stop waits for a message in hand): the counts are final.
      expect([channelPosts(slack, "Før omstart"), channelPosts(slack, "Mens appen var nede"), channelPosts(slack, "Etter omstart")]).toEqual([1, 1, 1]);
      const store = await db.open();
      try {
        expect((await store.db.inboundMail.findMany({ orderBy: { uid: "asc" } })).map((r) => [Number(r.uid), r.classification])).toEqual([
          [1, "unmatched"],
          [2, "unmatched"],
          [3, "unmatched"],
        ]);
        expect(await store.db.mailboxCursor.findMany()).toMatchObject([{ lastUid: 3n }]);
      } finally {
        await store.close();
      }
    });

    it("reads the mailbox anew when its UIDVALIDITY changed, without handling old mail twice", async () => {
      // As if the server had renumbered the mailbox while the app was down.
      const store = await db.open();
      try {
        await store.db.mailboxCursor.updateMany({ data: { uidValidity: 1n } });
      } finally {
        await store.close();
      }
      await dovecot.append(strayBrregMail("Etter ny nummerering"));
      const logs = new RecordingLogger();
      const app = await start(logs);
      try {
        await slack.waitFor(() => channelPosts(slack, "Etter ny nummerering") === 1);
      } finally {
        await app.stop();
      }
      expect(logs.text()).toContain("UIDVALIDITY changed");
      expect([channelPosts(slack, "Før omstart"), channelPosts(slack, "Mens appen var nede"), channelPosts(slack, "Etter omstart")]).toEqual([1, 1, 1]);
      expect(logs.lines.filter((l) => / message \d+ duplicate/.test(l))).toHaveLength(3);
    });
  });

  describe.skipIf(!hasPostgres())("two replicas on one PostgreSQL database", () => {
    let dovecot: TestDovecot;
    let slack: FakeSlack;
    let db: TestDatabase;
    const apps: TestApp[] = [];

    beforeAll(async () => {
      dovecot = await TestDovecot.start();
      slack = await new FakeSlack().start();
      db = await freshDatabase("postgresql");
    });
    afterAll(async () => {
      for (const app of apps) await app.stop();
      await slack?.stop();
      await dovecot?.dispose();
      await db?.drop();
    });

    it("handle each message once between them", async () => {
      const logs = [new RecordingLogger(), new RecordingLogger()];
      for (const logger of logs) apps.push(await startTestApp(slack, db, { IMAP_URL: dovecot.url, IMAP_POLL_SECONDS: "1" }, { logger }));
      await until(() => logs.every((l) => l.text().includes("connected, waiting with IDLE")), "both replicas to connect");

      const subjects = ["Replika 1", "Replika 2", "Replika 3", "Replika 4"];
      for (const s of subjects) await dovecot.append(strayBrregMail(s));
      await slack.waitFor(() => subjects.every((s) => channelPosts(slack, s) >= 1));
      for (const app of apps.splice(0)) await app.stop();

      expect(subjects.map((s) => channelPosts(slack, s))).toEqual([1, 1, 1, 1]);
      // Both saw the new mail; whichever claimed a message first handled it.
      const handled = logs.map((l) => l.lines.filter((line) => / message \d+ unmatched/.test(line)).length);
      expect(handled[0]! + handled[1]!).toBe(4);
    });
  });
});
