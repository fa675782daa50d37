import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/service/cases.js";
import { pollsDue } from "../../src/service/delegationPolling.js";
import { formatDateTime } from "../../src/slack/messages/format.js";
import { noticesOfCase } from "../../src/store/slackNotices.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { noticesSettled } from "../support/cases.js";
import { hasPostgres } from "../support/db.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { click, freshCase, threadPosts, until, untilStage } from "./followupHelpers.js";
import { grantsFor, media, minSeconds, pollSteps, reportable, testClock, usePollingApps } from "./pollingHelpers.js";

// After verified: the delegation stays watched. The recheck interval is 36 s (0.01 hours), the
// confirming second check DELEGATION_POLL_MIN_SECONDS (60 s) after a refusal.
const recheckSeconds = 36;
const watchEnv = { DELEGATION_RECHECK_HOURS: "0.01", MASKINPORTEN_TEST_SCOPES: `${reportable},${media}` };

describe("a verified delegation stays watched", () => {
  const clock = testClock();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let app: TestApp;
  usePollingApps((f) => ({ slack, mp, app } = f), clock, { env: watchEnv });

  const { poll, nextPoll, channelPosts, verifiedCase: verified } = pollSteps(() => app, clock);
  const verifiedCase = (customer: string, scope = reportable) => verified(mp, customer, scope);

  it("checks a verified case again on its slot, records each token, and forgets one refusal that the next check does not confirm", async () => {
    const customer = "812345605";
    const c = await verifiedCase(customer);
    const verifiedAt = clock.now();
    expect(c.lastVerifiedAt).toEqual(verifiedAt);
    expect(c.verifiedSince).toEqual(verifiedAt);
    const p = await poll(c.id);
    expect(p.mode).toBe("recheck");
    expect(p.doneAt).toBeNull();
    const wait = (p.dueAt.getTime() - verifiedAt.getTime()) / 1000;
    expect(wait).toBeGreaterThanOrEqual(recheckSeconds / 2);
    expect(wait).toBeLessThan((3 * recheckSeconds) / 2);

    const asked = grantsFor(mp, customer);
    await nextPoll(c.id);
    // only the case's own scope is asked again
    expect(grantsFor(mp, customer)).toBe(asked + 1);
    expect(grantsFor(mp, customer, media)).toBe(0);
    expect((await freshCase(app, c.reference)).lastVerifiedAt).toEqual(clock.now());

    // One refusal: nobody hears of it, and the second check comes DELEGATION_POLL_MIN_SECONDS later.
    // (What the verification owed Slack is posted first: the worker posts after the commit.)
    await noticesSettled(app);
    const posts = slack.callsOf("chat.postMessage").length;
    mp.revoke(customer, reportable);
    const refused = await nextPoll(c.id);
    expect(refused.refusal).toBe("not_delegated");
    expect(refused.dueAt).toEqual(new Date(clock.now().getTime() + minSeconds * 1000));
    mp.delegate(customer, reportable);
    const cleared = await nextPoll(c.id);
    expect(cleared.refusal).toBeNull();
    expect(cleared.refusedAt).toBeNull();
    expect((await freshCase(app, c.reference)).stage).toBe("verified");
    await noticesSettled(app);
    expect(slack.callsOf("chat.postMessage").length).toBe(posts);
  });

  it("a revoked delegation becomes delegation_lost after the confirming check; the thread, the DM and the channel say so; delegated again it is verified again", async () => {
    const customer = "812345613";
    const c = await verifiedCase(customer);
    await nextPoll(c.id);
    const lastVerified = clock.now();
    mp.revoke(customer, reportable);
    await nextPoll(c.id);
    const firstRefusal = clock.now();
    expect((await freshCase(app, c.reference)).stage).toBe("verified");
    await nextPoll(c.id);
    const lost = await untilStage(app, c.reference, "delegation_lost");
    expect(lost.scope).toBe(reportable);

    const event = await app.app.runtime.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:delegation_lost" } });
    expect(event.actor).toBe("maskinporten");
    expect(event.details).toMatchObject({ from: "verified", scope: reportable, problem: "not_delegated", since: firstRefusal.toISOString(), lastVerifiedAt: lastVerified.toISOString() });

    const since = formatDateTime(firstRefusal, "nb");
    const thread = await until(() => threadPosts(app, lost).find((x) => /Delegeringen virker ikke lenger/.test(String(x.args.text))), "the thread notice");
    const threadText = String(thread.args.text);
    expect(threadText).toContain(since);
    expect(threadText).toContain(reportable);
    expect(threadText).toContain("MP-251");
    expect(threadText).toMatch(/Hva nå: be kunden gi fullmakt på nytt/);
    const blocks = JSON.stringify(thread.args.blocks);
    // the text for the customer asks to delegate again, the same Altinn 3 path, with «Send til kunden»
    expect(blocks).toContain("virker ikke lenger: Maskinporten gir oss ikke lenger tilgang");
    expect(blocks).toContain("Maskinportenadministrasjon");
    expect(blocks).toContain('"action_id":"send_to_customer"');
    expect(blocks).toContain('"action_id":"cancel_case"');
    const dm = await until(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === "D0OWNER" && String(x.args.text).includes(`Delegeringen i ${c.reference}`) && /virker ikke lenger/.test(String(x.args.text))), "the DM");
    expect(String(dm.args.text)).toContain("MP-251");
    const channel = await until(() => channelPosts().find((x) => String(x.args.text).includes(`${c.reference} ·`) && /virker ikke lenger/.test(String(x.args.text))), "the channel notice");
    expect(String(channel.args.text)).toContain(reportable);
    expect(String(channel.args.text)).toContain(since);
    expect(String(channel.args.text)).toContain("MP-251");
    // the root message shows the new stage
    await until(() => slack.callsOf("chat.update").find((x) => x.args.ts === lost.threadTs && JSON.stringify(x.args.blocks).includes("Delegeringen virker ikke lenger")), "the root message");

    // Waiting again: chased by reminders, polled on the waiting schedule for the case's scope only.
    expect(await app.app.runtime.db.reminder.count({ where: { caseId: c.id, kind: "delegation_lost", doneAt: null } })).toBe(1);
    const waiting = await poll(c.id);
    expect(waiting.mode).toBe("waiting");
    expect(waiting.dueAt).toEqual(new Date(clock.now().getTime() + minSeconds * 1000));
    const asked = grantsFor(mp, customer);
    await nextPoll(c.id);
    expect(grantsFor(mp, customer)).toBe(asked + 1);
    expect((await freshCase(app, c.reference)).stage).toBe("delegation_lost");

    // «Send til kunden» offers the text that asks to delegate again.
    await click(app, "send_to_customer", c.reference, "U0OWNER");
    const modal = await until(() => slack.callsOf("views.open").find((x) => JSON.stringify(x.args.view).includes(c.reference)), "the customer e-mail modal");
    expect(JSON.stringify(modal.args.view)).toContain("virker ikke lenger");

    mp.delegate(customer, reportable);
    await nextPoll(c.id);
    const back = await untilStage(app, c.reference, "verified");
    expect(back.lastVerifiedAt).toEqual(clock.now());
    const restored = await until(() => threadPosts(app, back).find((x) => /Delegeringen virker igjen/.test(String(x.args.text))), "the restored notice");
    expect(String(restored.args.text)).toContain(reportable);
    expect((await poll(c.id)).mode).toBe("recheck");
    expect(await app.app.runtime.db.reminder.count({ where: { caseId: c.id, doneAt: null } })).toBe(0);
  });

  it("MP-200 after verification: one channel notice, the case stays verified and its scope is not asked for again", async () => {
    const customer = "812345621";
    const c = await verifiedCase(customer, media);
    const other = await verifiedCase("812345648", media);
    mp.clientScopes.delete(media);
    try {
      await nextPoll(c.id);
      const notOnClient = () => channelPosts().filter((x) => /MP-200/.test(String(x.args.text)) && String(x.args.text).includes(media));
      await until(() => notOnClient().length === 1, "the MP-200 notice");
      await nextPoll(other.id);
      const asked = grantsFor(mp, customer);
      await nextPoll(c.id);
      expect(grantsFor(mp, customer)).toBe(asked);
      await noticesSettled(app);
      expect(notOnClient()).toHaveLength(1);
      expect((await freshCase(app, c.reference)).stage).toBe("verified");
      expect((await freshCase(app, other.reference)).stage).toBe("verified");
    } finally {
      mp.clientScopes.add(media);
    }
  });

  it("Maskinporten down or the vendor's own client refused: never a move; the client problem is told to the channel once", async () => {
    const one = await verifiedCase("812345656");
    const two = await verifiedCase("812345664");
    mp.mode = "down";
    try {
      await nextPoll(one.id);
      expect((await freshCase(app, one.reference)).stage).toBe("verified");
    } finally {
      mp.mode = "normal";
    }
    const kid = mp.client.kid;
    mp.client.kid = "another-kid";
    try {
      await nextPoll(one.id);
      await nextPoll(two.id);
      await nextPoll(one.id);
      await noticesSettled(app);
      const told = channelPosts().filter((x) => /MP-100/.test(String(x.args.text)));
      expect(told).toHaveLength(1);
      expect(String(told[0]!.args.text)).toContain("vendor-client");
      expect(String(told[0]!.args.text)).toContain("MASKINPORTEN_TEST_CLIENT_ID");
      for (const c of [one, two]) expect((await freshCase(app, c.reference)).stage).toBe("verified");
      expect(threadPosts(app, one).filter((x) => /MP-100/.test(String(x.args.text)))).toEqual([]);
    } finally {
      mp.client.kid = kid;
    }
    // A token again: a later problem of the client is told again.
    await nextPoll(one.id);
    expect(await app.app.runtime.db.clientProblem.count()).toBe(0);
  });

  it("Slack down when the delegation is lost: the move commits with its thread, DM and channel rows, posted once each when Slack answers", async () => {
    const customer = "812345699";
    const c = await verifiedCase(customer);
    await noticesSettled(app);
    const lostRows = async () => (await noticesOfCase(app.app.runtime.db, c.id)).filter((n) => n.kind === "delegation_lost");
    const ok = (x: { response: { ok?: unknown } }) => x.response.ok === true;
    const isLost = (x: { args: Record<string, unknown> }) => /virker ikke lenger/.test(String(x.args.text)) && String(x.args.text).includes(c.reference);
    mp.revoke(customer, reportable);
    const outage = slack.fail("*", { error: "service_unavailable" });
    try {
      await nextPoll(c.id);
      await nextPoll(c.id);
      await untilStage(app, c.reference, "delegation_lost");
      // The move and what it owes Slack are in the database, whatever Slack does.
      const rows = await lostRows();
      expect(rows.map((n) => n.target).sort()).toEqual(["channel", "dm", "thread"]);
      expect(rows.every((n) => n.status === "pending")).toBe(true);
      // The worker tries (the root's update first, in the case's order) and Slack refuses.
      await until(async () => (await noticesOfCase(app.app.runtime.db, c.id)).some((n) => n.status === "pending" && n.errorKind === "transient"), "a try Slack refused");
      expect(slack.callsOf("chat.postMessage").filter((x) => ok(x) && isLost(x))).toEqual([]);
    } finally {
      outage();
    }
    await noticesSettled(app);
    expect((await lostRows()).map((n) => n.status)).toEqual(["posted", "posted", "posted"]);
    const posted = slack.callsOf("chat.postMessage").filter((x) => ok(x) && /virker ikke lenger/.test(String(x.args.text)));
    const lost = await freshCase(app, c.reference);
    expect(posted.filter((x) => x.args.thread_ts === lost.threadTs)).toHaveLength(1);
    expect(posted.filter((x) => x.args.channel === "D0OWNER" && String(x.args.text).includes(c.reference))).toHaveLength(1);
    expect(posted.filter((x) => x.args.channel === caseChannel && !x.args.thread_ts && String(x.args.text).includes(`${c.reference} ·`))).toHaveLength(1);
  });

  it("a lost delegation can be closed for good, and a cancelled case is not checked", async () => {
    const customer = "812345672";
    const c = await verifiedCase(customer);
    mp.revoke(customer, reportable);
    await nextPoll(c.id);
    await nextPoll(c.id);
    await untilStage(app, c.reference, "delegation_lost");
    const moved = await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: "kunden har byttet leverandør" } });
    expect(moved.status).toBe("moved");
    const p = await poll(c.id);
    expect(p.outcome).toBe("cancelled");
    const asked = grantsFor(mp, customer);
    clock.advance(3600);
    await pollsDue(app.app.services);
    expect(grantsFor(mp, customer)).toBe(asked);
  });
});

describe.skipIf(!hasPostgres())("the watch with two replicas on PostgreSQL", () => {
  const clock = testClock();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let apps: TestApp[] = [];
  usePollingApps((f) => ({ slack, mp, apps } = f), clock, { env: watchEnv, backend: "postgresql", replicas: 2 });

  it("make each check once: the rechecks, the confirming check and the move to delegation_lost", async () => {
    const [one, two] = apps as [TestApp, TestApp];
    const { poll, verifiedCase } = pollSteps(() => one, clock);
    const customer = "812345680";
    const c = await verifiedCase(mp, customer);

    const both = () => Promise.all([pollsDue(one.app.services), pollsDue(two.app.services)]);
    /** Moves the clock to the next check; both replicas are asked at once besides their own ticks. */
    async function round(settled: (p: Awaited<ReturnType<typeof poll>>) => boolean) {
      const p = await poll(c.id);
      clock.advance((p.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
      await both();
      await until(async () => settled(await poll(c.id)), "the check");
      await both();
    }
    let before = mp.tokenRequests;
    const attempt = (await poll(c.id)).attempt;
    await round((p) => p.attempt === attempt + 1);
    expect(mp.tokenRequests - before).toBe(1);

    mp.revoke(customer, reportable);
    before = mp.tokenRequests;
    await round((p) => p.refusal !== null);
    expect(mp.tokenRequests - before).toBe(1);
    before = mp.tokenRequests;
    await round((p) => p.mode === "waiting");
    expect(mp.tokenRequests - before).toBe(1);
    await untilStage(one, c.reference, "delegation_lost");
    const channelNotices = () =>
      slack.callsOf("chat.postMessage").filter((x) => x.args.channel === caseChannel && !x.args.thread_ts && String(x.args.text).includes(`${c.reference} ·`) && /virker ikke lenger/.test(String(x.args.text)));
    await until(() => channelNotices().length > 0, "the channel notice");
    await both();
    await noticesSettled(one);
    expect(channelNotices()).toHaveLength(1);
    expect(await one.app.runtime.db.caseEvent.count({ where: { caseId: c.id, kind: "stage:delegation_lost" } })).toBe(1);
  });
});
