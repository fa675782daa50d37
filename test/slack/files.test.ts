import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenMayGoTo } from "../../src/slack/files.js";
import type { TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { OrderModal, vendor } from "./intakeDriver.js";

describe("tokenMayGoTo: the bot token goes only to Slack's file host and SLACK_API_URL's origin", () => {
  it.each([
    "https://files.slack.com/files-pri/T0TEST-F0FILE/kunder.csv",
    "https://FILES.slack.com/files-pri/T0TEST-F0FILE/kunder.csv",
    "https://files.slack.com:443/files-pri/T0TEST-F0FILE/kunder.csv",
  ])("allows %s", (url) => {
    expect(tokenMayGoTo(url, undefined)).toBe(true);
  });

  it.each([
    "http://files.slack.com/files-pri/T0TEST-F0FILE/kunder.csv", // not https
    "https://files.slack.com:8443/files-pri/x", // another port
    "https://files.slack.com./files-pri/x", // another name, though it resolves alike
    "https://files.slack.com.example.net/files-pri/x",
    "https://evil.example/files.slack.com/files-pri/x",
    "https://files.slack.com@evil.example/files-pri/x",
    "https://user:pass@files.slack.com/files-pri/x", // (fetch refuses these too)
    "https://slack.com/files-pri/x", // Slack, but not its file host
    "https://xfiles.slack.com/files-pri/x",
    "not a url",
  ])("refuses %s", (url) => {
    expect(tokenMayGoTo(url, undefined)).toBe(false);
  });

  it("with SLACK_API_URL set, also its origin (scheme, host name and port), nothing else", () => {
    const api = "http://127.0.0.1:4000/api/";
    expect(tokenMayGoTo("http://127.0.0.1:4000/files/F0X", api)).toBe(true);
    expect(tokenMayGoTo("https://files.slack.com/files-pri/x", api)).toBe(true);
    expect(tokenMayGoTo("http://localhost:4000/files/F0X", api)).toBe(false);
    expect(tokenMayGoTo("http://127.0.0.1:4001/files/F0X", api)).toBe(false);
    expect(tokenMayGoTo("https://127.0.0.1:4000/files/F0X", api)).toBe(false);
    expect(tokenMayGoTo("http://[::1]:4000/files/F0X", api)).toBe(false);
  });
});

/** A server that is not Slack: records every request and what authorization it carried. */
class ForeignHost {
  readonly requests: Array<{ url: string | undefined; authorization: string | undefined }> = [];
  private server: Server | undefined;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "text/csv" });
      res.end("912000036;Fremmed Kunde AS;Eva Lie;eva@fremmed.no;91234567\n");
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe("import from a file whose url_private is not on Slack's file host", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const foreign = new ForeignHost();
  const logger = new RecordingLogger();
  const unreadable = { response_action: "errors", errors: { customers_file: "Filen kunne ikke leses. Prøv igjen, eller lim inn listen." } };
  const typed = { ...vendor, customer_access: "confirmed", customers: null };
  const line = "912000036;Kunde AS;Eva Lie;eva@kunde.no;91234567";

  beforeAll(async () => {
    await foreign.start();
  });
  afterAll(() => foreign.stop());
  useTestApp((f) => ({ slack, app } = f), {}, { logger });

  const slackPort = () => Number(new URL(slack.base).port);

  /** Opens the import modal and submits the vendor with file `id` as the list; the ack's body. */
  async function submitFile(id: string): Promise<Record<string, unknown>> {
    const modal = new OrderModal(app, slack);
    await modal.open("import");
    return (await modal.submit({ ...typed, customers_file: id })).body;
  }

  it("another port on the same address: refused as unreadable, nothing reaches that host", async () => {
    slack.files.set("F0PORT", line);
    slack.fileUrls.set("F0PORT", `http://127.0.0.1:${foreign.port}/files/F0PORT`);
    expect(await submitFile("F0PORT")).toEqual(unreadable);
    expect(foreign.requests).toEqual([]);
    expect(logger.text()).toContain(`url_private is on http://127.0.0.1:${foreign.port}, where the bot token does not go: not downloaded`);
    expect(logger.text()).not.toContain("xoxb-");
  });

  it("the fake Slack's own server under another name (localhost): refused, though the same server would have served it", async () => {
    slack.files.set("F0NAME", line);
    const url = `http://localhost:${slackPort()}/files/F0NAME`;
    // The name does reach that server here: without the check the file would have been read.
    const probe = await fetch(url);
    await probe.body?.cancel();
    expect(slack.downloads.filter((d) => d.id === "F0NAME")).toEqual([{ id: "F0NAME", authorization: undefined }]);
    slack.fileUrls.set("F0NAME", url);
    expect(await submitFile("F0NAME")).toEqual(unreadable);
    expect(slack.downloads.filter((d) => d.id === "F0NAME")).toHaveLength(1);
  });

  it("a download that redirects elsewhere is not followed: unreadable, and the token never leaves", async () => {
    slack.files.set("F0MOVED", line);
    slack.fileRedirects.set("F0MOVED", `http://127.0.0.1:${foreign.port}/files/F0MOVED`);
    expect(await submitFile("F0MOVED")).toEqual(unreadable);
    expect(slack.downloads.filter((d) => d.id === "F0MOVED")).toEqual([{ id: "F0MOVED", authorization: "Bearer xoxb-test-token" }]);
    expect(foreign.requests).toEqual([]);
  });

  it("a file on the configured Slack is read with the token, as before", async () => {
    slack.files.set("F0HOME", line);
    expect(await submitFile("F0HOME")).toMatchObject({ response_action: "update", view: { callback_id: "import_review" } });
    expect(slack.downloads.at(-1)).toEqual({ id: "F0HOME", authorization: "Bearer xoxb-test-token" });
  });
});
