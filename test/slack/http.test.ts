import { describe, expect, it } from "vitest";
import { freshDatabase, hasPostgres } from "../support/db.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";

describe("the app in HTTP mode", () => {
  let slack: FakeSlack;
  let app: TestApp;

  useTestApp((f) => ({ slack, app } = f));

  /** The answer a slash command got in its ack (the HTTP response's body). */
  async function ackBody(res: Response): Promise<Record<string, unknown>> {
    expect(res.status).toBe(200);
    return JSON.parse(await res.text()) as Record<string, unknown>;
  }

  /**
   * A refused request ran nothing: a valid `hjelp` sent after it gets its answer in its ack, and
   * Slack has heard nothing since `before`.
   */
  async function expectOnlyTheNextAnswer(before: number): Promise<void> {
    const body = await ackBody(await app.command("hjelp"));
    expect(JSON.stringify(body.blocks)).toContain("/delegering ny");
    expect(slack.responses.length + slack.calls.length).toBe(before);
  }

  it("answers a signed /delegering hjelp with the help text in the ack, with no response_url post", async () => {
    const before = slack.responses.length;
    const body = await ackBody(await app.command("hjelp"));
    expect(body.response_type).toBe("ephemeral");
    const text = JSON.stringify(body.blocks);
    for (const sub of ["ny", "status", "liste", "hjelp"]) expect(text).toContain(`/delegering ${sub}`);
    expect(text).toContain("DLG-12");
    // A liste answered in the ack too; then nothing went to response_url for either.
    expect(typeof (await ackBody(await app.command("liste"))).text).toBe("string");
    expect(slack.responses.length).toBe(before);
  });

  it("treats no subcommand as help and an unknown one as help with a note, in the ack", async () => {
    const plain = await ackBody(await app.command(""));
    const unknown = await ackBody(await app.command("tull"));
    expect(JSON.stringify(plain.blocks)).toContain("/delegering ny");
    expect(JSON.stringify(unknown.blocks)).toContain("`tull`");

    // An unknown word echoed back pings nobody.
    const echo = await ackBody(await app.command("<!here>"));
    expect(JSON.stringify(echo.blocks)).toContain("&lt;!here&gt;");
    expect(JSON.stringify(echo.blocks)).not.toContain("<!here>");
  });

  it("refuses a bad signature with 401 and runs no handler", async () => {
    const before = slack.responses.length + slack.calls.length;
    const body = new URLSearchParams({ command: "/delegering", text: "hjelp", user_id: "U0EVE", response_url: slack.responseUrl(), team_id: "T0TEST" }).toString();
    const res = await app.post(body, "application/x-www-form-urlencoded", { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    await expectOnlyTheNextAnswer(before);
  });

  it("refuses a timestamp over 5 minutes old with 401 and runs no handler", async () => {
    const before = slack.responses.length + slack.calls.length;
    const body = new URLSearchParams({ command: "/delegering", text: "hjelp", user_id: "U0EVE", response_url: slack.responseUrl(), team_id: "T0TEST" }).toString();
    const res = await app.post(body, "application/x-www-form-urlencoded", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await expectOnlyTheNextAnswer(before);
  });

  it("answers /healthz with 200 while the database is reachable", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "reachable", slack: "http", noticesOwed: 0 });
  });
});

describe.skipIf(!hasPostgres())("/healthz without the database", () => {
  it("answers 503 once the PostgreSQL database is gone", async () => {
    const slack = await new FakeSlack().start();
    const db = await freshDatabase("postgresql");
    const app = await startTestApp(slack, db);
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      await db.drop();
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, database: "unreachable" });
    } finally {
      await app.stop().catch(() => undefined);
      await slack.stop();
    }
  });
});
