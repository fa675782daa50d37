import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { calendarDateIn, zonedTimeToInstant } from "../../src/domain/workingDays.js";
import { credentialNoticesIfDue } from "../../src/service/credentialExpiry.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { noticesSettled } from "../support/cases.js";
import { hasPostgres } from "../support/db.js";
import { makeClientCertificate, type FakeMaskinporten } from "../support/fakeMaskinporten.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { RecordingLogger } from "../support/recordingLogger.js";
import { submit, threadPosts, until, untilStage } from "./followupHelpers.js";
import { pollSteps, testClock, usePollingApps, vendor } from "./pollingHelpers.js";

const day = 86_400_000;

/** KEY_EXPIRES `days` from now: the Oslo date, as an operator writes it. */
function dateIn(days: number): { setting: string; start: Date } {
  const d = calendarDateIn(new Date(Date.now() + days * day));
  return { setting: `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`, start: zonedTimeToInstant(d, 0) };
}

const channelPosts = (slack: FakeSlack, pattern: RegExp) => slack.callsOf("chat.postMessage").filter((p) => p.args.channel === caseChannel && !p.args.thread_ts && pattern.test(String(p.args.text)));

async function metricLine(app: TestApp): Promise<string | undefined> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text.split("\n").find((l) => l.startsWith("delegering_maskinporten_credential_expiry_timestamp_seconds{"));
}

describe("an enterprise certificate (.p12) that expires in 10 days", () => {
  const cert = makeClientCertificate(vendor, { validDays: 10 });
  const clock = testClock(new Date().toISOString());
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), {
    MASKINPORTEN_TEST_CLIENT_ID: "vendor-client",
    MASKINPORTEN_TEST_CERTIFICATE_FILE: cert.p12ForgeFile,
    MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE: cert.passphrase,
    SCHEDULER_POLL_MS: "20",
  }, { now: clock.now });
  afterAll(() => rmSync(cert.dir, { recursive: true, force: true }));
  const notices = () => channelPosts(slack, /Virksomhetssertifikatet til Maskinporten-klienten/);

  it("tells the channel once at start (the 14-day notice), then at 7 days; the metric carries the date; Home warns", async () => {
    const first = await until(() => notices()[0], "the notice at start");
    expect(String(first.args.text)).toContain("`vendor-client` i Maskinporten TEST går ut");
    expect(String(first.args.text)).toContain("om 10 dager");
    expect(String(first.args.text)).toContain("MASKINPORTEN_TEST_CERTIFICATE_FILE");
    // more passes change nothing
    expect(await credentialNoticesIfDue(app.app.services)).toBe(0);
    await noticesSettled(app);
    expect(notices()).toHaveLength(1);

    expect(await metricLine(app)).toBe(`delegering_maskinporten_credential_expiry_timestamp_seconds{environment="test"} ${new Date(cert.leaf.validTo).getTime() / 1000}`);

    await app.event({ type: "app_home_opened", user: "U0ALICE", tab: "home" });
    const home = await until(() => slack.callsOf("views.publish").find((p) => p.args.user_id === "U0ALICE"), "Home");
    expect(JSON.stringify(home.args.view)).toContain("Virksomhetssertifikatet til Maskinporten-klienten `vendor-client` (TEST) går ut");

    clock.advance(3.5 * 24 * 3600);
    const second = await until(() => notices()[1], "the 7-day notice");
    expect(String(second.args.text)).toContain("om 7 dager");
    expect(await credentialNoticesIfDue(app.app.services)).toBe(0);
    await noticesSettled(app);
    expect(notices()).toHaveLength(2);
  });
});

describe("MASKINPORTEN_TEST_KEY_EXPIRES for a registered key", () => {
  const ends = dateIn(10);
  const clock = testClock(new Date().toISOString());
  let slack: FakeSlack;
  let app: TestApp;
  usePollingApps((f) => ({ slack, app } = f), clock, { env: { MASKINPORTEN_TEST_KEY_EXPIRES: ends.setting } });
  const notices = () => channelPosts(slack, /Nøkkelen til Maskinporten-klienten/);

  it("does the same: one notice at start, the next at 7 days, the metric at the start of that day in Oslo", async () => {
    const first = await until(() => notices()[0], "the notice at start");
    expect(String(first.args.text)).toMatch(/om (9|10) dager/);
    expect(String(first.args.text)).toContain("MASKINPORTEN_TEST_KEY_EXPIRES");
    expect(await metricLine(app)).toBe(`delegering_maskinporten_credential_expiry_timestamp_seconds{environment="test"} ${ends.start.getTime() / 1000}`);
    clock.set(new Date(ends.start.getTime() - 6.5 * day));
    await until(() => notices()[1], "the 7-day notice");
    clock.set(new Date(ends.start.getTime() - 6 * day));
    expect(await credentialNoticesIfDue(app.app.services)).toBe(0);
    await noticesSettled(app);
    expect(notices()).toHaveLength(2);
  });
});

describe("a key that has expired", () => {
  const ended = dateIn(-1);
  const clock = testClock(new Date().toISOString());
  const logger = new RecordingLogger();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let app: TestApp;
  usePollingApps((f) => ({ slack, mp, app } = f), clock, { env: { MASKINPORTEN_TEST_KEY_EXPIRES: ended.setting, MASKINPORTEN_TEST_SCOPES: "brreg:reelle/rapporteringspliktig" }, logger });
  const { waitingCase, nextPoll } = pollSteps(() => app, clock);

  it("is logged at start, told to the channel once, and named as the cause of every case's token failure", async () => {
    mp.keyExpired = true;
    await until(() => channelPosts(slack, /Nøkkelen til Maskinporten-klienten `vendor-client` i Maskinporten TEST gikk ut/)[0], "the notice that it ended");
    expect(logger.lines.find((l) => l.includes("MASKINPORTEN_TEST_KID") && l.includes("expired"))).toMatch(/warn/);

    // Two waiting cases polled: one channel notice naming the key, none per customer.
    const one = await waitingCase("812345605");
    const two = await waitingCase("812345613");
    await nextPoll(one.id);
    await nextPoll(two.id);
    await noticesSettled(app);
    const blamed = channelPosts(slack, /Årsaken er klientens egen nøkkel/);
    expect(blamed).toHaveLength(1);
    expect(String(blamed[0]!.args.text)).toContain("MASKINPORTEN_TEST_KEY_EXPIRES");
    expect(String(blamed[0]!.args.text)).toContain("MP-121");

    // A scope reported by hand: the token check's failure in the thread names the expired key, not the customer.
    expect(await submit(app, "scope_report", two.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: "brreg:reelle/rapporteringspliktig" } } } })).toEqual({});
    const completed = await untilStage(app, two.reference, "completed");
    const failed = await until(() => threadPosts(app, completed).find((p) => /Årsaken er klientens egen nøkkel/.test(String(p.args.text))), "the token failure");
    expect(String(failed.args.text)).toContain(`expired ${ended.start.toISOString()}`);
  });
});

describe.skipIf(!hasPostgres())("expiry notices with two replicas on PostgreSQL", () => {
  const clock = testClock(new Date().toISOString());
  let slack: FakeSlack;
  let apps: TestApp[] = [];
  usePollingApps((f) => ({ slack, apps } = f), clock, { env: { MASKINPORTEN_TEST_KEY_EXPIRES: dateIn(2).setting }, backend: "postgresql", replicas: 2 });

  it("post each notice once", async () => {
    await until(() => channelPosts(slack, /Nøkkelen til Maskinporten-klienten/)[0], "the notice");
    for (const a of apps) expect(await credentialNoticesIfDue(a.app.services)).toBe(0);
    // One claim, one notice row, one post.
    expect(await apps[0]!.app.runtime.db.slackNotice.count({ where: { kind: "credential_expiry" } })).toBe(1);
    await noticesSettled(apps[0]!);
    expect(channelPosts(slack, /Nøkkelen til Maskinporten-klienten/)).toHaveLength(1);
  });
});
