import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { FakeSocketMode } from "../support/fakeSocketMode.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { eventually } from "../mail/harness.js";

describe("the app in Socket Mode", () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    socket = await new FakeSocketMode().start();
    slack.socketUrl = socket.url;
    db = await freshDatabase();
    // SLACK_MODE unset: an app token alone selects Socket Mode.
    app = await startTestApp(slack, db, { SLACK_MODE: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: "xapp-test" });
  });
  afterAll(async () => {
    await app?.stop();
    await socket?.stop();
    await slack?.stop();
    await db?.drop();
  });

  it("opens its connection through SLACK_API_URL and answers /delegering hjelp in the ack over the socket", async () => {
    expect(slack.callsOf("apps.connections.open")).toHaveLength(1);
    const responseUrl = slack.responseUrl();
    const acked = await socket.deliver("slash_commands", {
      command: "/delegering",
      text: "hjelp",
      user_id: "U0ALICE",
      team_id: "T0TEST",
      channel_id: "C0RANDOM1",
      response_url: responseUrl,
      trigger_id: "trigger.socket",
    });
    // The help is ready at once: it rides in the ack, and nothing goes to response_url.
    expect(JSON.stringify(acked)).toContain("/delegering status");
    expect(slack.responses.find((r) => responseUrl.endsWith(`/response/${r.id}`))).toBeUndefined();
  });

  it("serves /healthz on PORT in Socket Mode too", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe("stopping the app in Socket Mode", () => {
  it("acks a request still in flight before it disconnects", async () => {
    const slack = await new FakeSlack().start();
    const socket = await new FakeSocketMode().start();
    slack.socketUrl = socket.url;
    // The permission check holds the command before its ack while Slack holds the member list.
    slack.usergroups.set("S0DELEG", ["U0ALICE"]);
    const release = slack.hold("usergroups.users.list");
    const db = await freshDatabase();
    const app = await startTestApp(slack, db, { SLACK_MODE: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: "xapp-test", SLACK_ALLOWED_USERGROUP: "S0DELEG" });
    try {
      const acked = socket.deliver("slash_commands", {
        command: "/delegering",
        text: "ny",
        user_id: "U0ALICE",
        team_id: "T0TEST",
        channel_id: "C0RANDOM1",
        response_url: slack.responseUrl(),
        trigger_id: "trigger.socket",
      });
      // The command is in the permission check now.
      await slack.waitFor(() => slack.arrived.includes("usergroups.users.list"));
      const stopped = app.stop();
      // After the stop, a moment's patience for an ack still on its way through the socket.
      const late = stopped.then(() => new Promise((r) => setTimeout(() => r("stopped without the ack"), 1000)));
      const outcome = await Promise.race([acked.then(() => "acked"), late]);
      expect(outcome).toBe("acked");
      await stopped;
    } finally {
      release();
      await app.stop();
      await socket.stop();
      await slack.stop();
      await db.drop();
    }
  });
});

describe("Socket Mode while Slack cannot be reached", () => {
  it("starts anyway, reports slack connecting on /healthz, and connects once Slack's socket comes up", { timeout: 120_000 }, async () => {
    // No socket yet: apps.connections.open is refused until the stand-in is up.
    const slack = await new FakeSlack().start();
    const db = await freshDatabase();
    const logger = new RecordingLogger();
    let socket: FakeSocketMode | undefined;
    let app: TestApp | undefined;
    try {
      app = await startTestApp(slack, db, { SLACK_MODE: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: "xapp-test" }, { logger });
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, database: "reachable", slack: "connecting", noticesOwed: 0 });
      // One plain line says what failed, where, and what to check; no stack trace.
      const said = logger.lines.filter((l) => l.includes("could not connect"));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`${slack.url}apps.connections.open`);
      expect(said[0]).toContain("SLACK_APP_TOKEN");
      expect(said[0]).not.toMatch(/\n\s+at /);

      socket = await new FakeSocketMode().start();
      slack.socketUrl = socket.url;
      await eventually(async () => ((await (await fetch(`${app!.url}/healthz`)).json()) as { slack: string }).slack === "connected", "the connection", 100_000);
      const acked = await socket.deliver("slash_commands", {
        command: "/delegering",
        text: "hjelp",
        user_id: "U0ALICE",
        team_id: "T0TEST",
        channel_id: "C0RANDOM1",
        response_url: slack.responseUrl(),
        trigger_id: "trigger.socket",
      });
      expect(JSON.stringify(acked)).toContain("/delegering status");
    } finally {
      await app?.stop();
      await socket?.stop();
      await slack.stop();
      await db.drop();
    }
  });
});
