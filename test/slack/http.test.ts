import { describe, expect, it } from "vitest";
import { freshDatabase, hasPostgres } from "../support/db.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp, type TestApp } from "../support/app.js";

describe("the app in HTTP mode", () => {
  let slack: FakeSlack;
  let app: TestApp;

  useTestApp((f) => ({ slack, app } = f));

  /**
   * A refused request ran nothing: a valid `hjelp` sent after it gets its answer, and that
   * answer is the only thing Slack has heard since `before`.
   */
  async function expectOnlyTheNextAnswer(before: number): Promise<void> {
    await app.command("hjelp");
    await slack.waitFor(() => slack.responses.length + slack.calls.length > before);
    expect(slack.responses.length + slack.calls.length).toBe(before + 1);
    expect(JSON.stringify(slack.responses.at(-1)!.body)).toContain("/delegering ny");
  }

  it("answers a signed /delegering hjelp with the help text", async () => {
    const res = await app.command("hjelp");
    expect(res.status).toBe(200);
    const posted = await slack.waitFor(() => slack.responses.at(-1));
    expect(posted.body.response_type).toBe("ephemeral");
    const text = JSON.stringify(posted.body.blocks);
    for (const sub of ["ny", "status", "liste", "hjelp"]) expect(text).toContain(`/delegering ${sub}`);
    expect(text).toContain("DLG-12");
  });

  it("treats no subcommand as help and an unknown one as help with a note", async () => {
    const before = slack.responses.length;
    await app.command("");
    await app.command("tull");
    await slack.waitFor(() => slack.responses.length >= before + 2);
    const [plain, unknown] = slack.responses.slice(before);
    expect(JSON.stringify(plain!.body.blocks)).toContain("/delegering ny");
    expect(JSON.stringify(unknown!.body.blocks)).toContain("`tull`");

    // An unknown word echoed back pings nobody.
    await app.command("<!here>");
    const [echo] = await slack.waitFor(() => slack.responses.slice(before + 2).length > 0 && slack.responses.slice(before + 2));
    expect(JSON.stringify(echo!.body.blocks)).toContain("&lt;!here&gt;");
    expect(JSON.stringify(echo!.body.blocks)).not.toContain("<!here>");
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
    expect(await res.json()).toMatchObject({ ok: true });
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
