import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/service/cases.js";
import { pollsDue } from "../../src/service/delegationPolling.js";
import { claimDuePolls } from "../../src/store/delegationPolls.js";
import { order } from "../domain/fixtures.js";
import type { TestApp } from "../support/app.js";
import { noticesSettled, openTestCase } from "../support/cases.js";
import { hasPostgres } from "../support/db.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { freshCase, moveTo, submit, threadPosts, until, untilStage } from "./followupHelpers.js";
import { grantsFor, media, minSeconds, pollSteps, reportable, testClock, usePollingApps, vendor } from "./pollingHelpers.js";

describe("the delegation detected by the app: Maskinporten polls while the case waits", () => {
  const clock = testClock();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let app: TestApp;
  // MASKINPORTEN_TEST_SCOPES is unset: the app asks for all six, two of which are on the client.
  usePollingApps((f) => ({ slack, mp, app } = f), clock);

  const { poll, guidanceDm, waitingCase, nextPoll, channelPosts } = pollSteps(() => app, clock);

  it("a scope answered with MP-200 is told to the channel once and not asked for again, for any case", async () => {
    const customer = "812345605";
    const c = await waitingCase(customer);
    expect((await poll(c.id)).dueAt).toEqual(new Date(clock.now().getTime() + minSeconds * 1000));
    expect(grantsFor(mp, customer)).toBe(0);

    await nextPoll(c.id);
    // all six asked: four are not on the client
    expect(grantsFor(mp, customer)).toBe(6);
    await noticesSettled(app);
    const notOnClient = channelPosts().filter((p) => /MP-200/.test(String(p.args.text)));
    expect(notOnClient).toHaveLength(4);
    expect(String(notOnClient[0]!.args.text)).toMatch(/ikke er lagt til på klienten `vendor-client` i Maskinporten TEST/);
    expect(String(notOnClient[0]!.args.text)).toContain("MASKINPORTEN_TEST_SCOPES");

    // The next poll asks only for the two on the client; nobody hears about MP-200 again.
    const second = await nextPoll(c.id);
    expect(grantsFor(mp, customer)).toBe(8);
    expect(second.lastProblem).toBe("never_granted");
    const other = await waitingCase("812345613");
    await nextPoll(other.id);
    expect(grantsFor(mp, "812345613")).toBe(2);
    expect(channelPosts().filter((p) => /MP-200/.test(String(p.args.text)))).toHaveLength(4);
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
  });

  it("MP-200 while Slack refuses posts: recorded at once, told to the channel once Slack answers, and not asked for again", async () => {
    // Only this case polls: the cases still waiting from before are cancelled (which ends their polls).
    for (const waiting of await app.app.runtime.db.case.findMany({ where: { stage: "awaiting_delegation" } })) {
      await advanceCase(app.app.services, { reference: waiting.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: "test" } });
    }
    const customer = "812345184";
    const c = await waitingCase(customer);
    // Posts Slack took (the stand-in records refused calls as well).
    const mp200Posts = () => channelPosts().filter((p) => p.response.ok === true && /MP-200/.test(String(p.args.text))).length;
    const before = mp200Posts();
    const recorded = () => app.app.runtime.db.scopeNotOnClient.count();
    // As if this client configuration were new: nothing told yet.
    await app.app.runtime.db.scopeNotOnClient.deleteMany({});
    const outage = slack.fail("chat.postMessage", { error: "service_unavailable" });
    try {
      await nextPoll(c.id);
      expect(grantsFor(mp, customer)).toBe(6);
      expect(await recorded()).toBe(4);
      await until(() => channelPosts().some((p) => p.response.error === "service_unavailable" && /MP-200/.test(String(p.args.text))), "Slack refusing the MP-200 notice");
      expect(mp200Posts()).toBe(before);
    } finally {
      outage();
    }
    // Slack answers again: the notices that waited are posted, once each.
    await noticesSettled(app);
    expect(mp200Posts()).toBe(before + 4);
    await nextPoll(c.id);
    expect(grantsFor(mp, customer)).toBe(8);
    await noticesSettled(app);
    expect(mp200Posts()).toBe(before + 4);
  });

  it("the customer delegates: the case is verified with the scope found, without any click; the thread and the DM say it was found automatically", async () => {
    const customer = "812345621";
    const c = await waitingCase(customer);
    // The guidance DM says the app checks by itself (a client is configured for TT02).
    const guidance = await guidanceDm(c.reference);
    expect(JSON.stringify(guidance.args.blocks)).toContain("Appen sjekker selv i Maskinporten");

    mp.delegate(customer, reportable);
    await nextPoll(c.id);
    const done = await untilStage(app, c.reference, "verified");
    expect(done.scope).toBe(reportable);
    const events = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: { in: ["stage:completed", "stage:verified"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ["stage:completed", "maskinporten"],
      ["stage:verified", "maskinporten"],
    ]);
    expect(events[0]!.details).toMatchObject({ via: "maskinporten_poll", scope: reportable, consumer: customer, supplier: vendor });
    // the poll row watches the verified delegation from now on
    expect(await poll(c.id)).toMatchObject({ mode: "recheck", doneAt: null });

    const found = await until(() => threadPosts(app, done).find((p) => /oppdaget automatisk/.test(String(p.args.text))), "the thread notice");
    expect(String(found.args.text)).toContain(reportable);
    expect(String(found.args.text)).toMatch(/kunden trenger ikke rapportere scope/);
    expect(JSON.stringify(found.args.blocks)).toContain("consumer_org: 812345621");
    const dm = await until(() => slack.callsOf("chat.postMessage").find((p) => p.args.channel === "D0OWNER" && /oppdaget automatisk/.test(String(p.args.text)) && String(p.args.text).includes(c.reference)), "the DM");
    expect(JSON.stringify(dm.args.blocks)).toContain("consumer_org: 812345621");
    for (const token of mp.issuedTokens) expect(slack.allText()).not.toContain(token);

    // A scope reported by hand afterwards, and another than the one found: the thread says so.
    const answer = await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: media } } } });
    expect(JSON.stringify(answer)).toMatch(/har gått videre/);
    const differs = await until(() => threadPosts(app, done).find((p) => /er ikke det Maskinporten ga token for/.test(String(p.args.text))), "the scope_differs notice");
    expect(String(differs.args.text)).toContain(media);
    expect((await freshCase(app, c.reference)).scope).toBe(reportable);
  });

  it("Maskinporten down: nothing moves and the pauses double; polling goes on when it is back", async () => {
    const customer = "812345648";
    const c = await waitingCase(customer);
    mp.mode = "down";
    try {
      const first = await nextPoll(c.id);
      expect(first.lastProblem).toBe("unreachable");
      expect(first.dueAt).toEqual(new Date(clock.now().getTime() + 2 * minSeconds * 1000));
      const second = await nextPoll(c.id);
      expect(second.dueAt).toEqual(new Date(clock.now().getTime() + 4 * minSeconds * 1000));
      expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
      // nothing about Maskinporten in the thread: an outage is only logged
      expect(threadPosts(app, c).filter((p) => /Maskinporten|token|automatisk/.test(String(p.args.text)))).toEqual([]);
    } finally {
      mp.mode = "normal";
    }
    mp.delegate(customer, media);
    await nextPoll(c.id);
    const done = await untilStage(app, c.reference, "verified");
    expect(done.scope).toBe(media);
  });

  it("gives up after the configured days: the thread says so with the manual path, and no more requests", async () => {
    const customer = "812345656";
    mp.grant(customer, reportable);
    const c = await waitingCase(customer);
    await nextPoll(c.id);
    clock.advance(24 * 3600);
    const ended = await until(async () => {
      const p = await poll(c.id);
      return p.doneAt ? p : null;
    }, "the poll to give up");
    expect(ended.outcome).toBe("gave_up");
    const gaveUp = await until(() => threadPosts(app, c).find((p) => /slutter nå å spørre/.test(String(p.args.text))), "the give-up notice");
    expect(String(gaveUp.args.text)).toMatch(/Siste svar: kunden har ikke delegert scopet til dere \(MP-251\)/);
    expect(JSON.stringify(gaveUp.args.blocks)).toContain('"action_id":"report_scope"');
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");
    const asked = grantsFor(mp, customer);
    clock.advance(24 * 3600);
    await pollsDue(app.app.services);
    expect(grantsFor(mp, customer)).toBe(asked);
    expect((await poll(c.id)).doneAt).toEqual(ended.doneAt);
  });

  it("a scope reported while the poll finds another: the report holds the case, and the thread says the two differ", async () => {
    const customer = "812345672";
    mp.delegate(customer, reportable);
    const c = await waitingCase(customer);
    const release = mp.holdAnswers();
    let released = false;
    try {
      const before = mp.tokenRequests;
      const p = await poll(c.id);
      clock.advance((p.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
      await until(() => mp.tokenRequests > before, "the poll's request");
      // The owner reports another scope while Maskinporten has not answered the poll yet.
      expect(await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: media } } } })).toEqual({});
      await untilStage(app, c.reference, "completed");
      release();
      released = true;
    } finally {
      if (!released) release();
    }
    const differs = await until(async () => threadPosts(app, await freshCase(app, c.reference)).find((x) => /er ikke det Maskinporten ga token for/.test(String(x.args.text))), "the scope_differs notice");
    expect(String(differs.args.text)).toMatch(/rapportert, `brreg:reelle\/media`, .*ga token for .*`brreg:reelle\/rapporteringspliktig`/);
    const after = await freshCase(app, c.reference);
    expect(after.scope).toBe(media);
    expect((await poll(c.id)).outcome).toBe("reported");
  });

  it("a claim whose replica died falls due again when its lease runs out", async () => {
    const customer = "812345680";
    const c = await waitingCase(customer);
    const p = await poll(c.id);
    clock.advance((p.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
    // A replica claims it and dies before asking (stand-in: the claim alone, straight in the store).
    const lease = new Date(clock.now().getTime() + 300_000);
    const claimed = await claimDuePolls(app.app.runtime.db, clock.now(), lease, 100);
    expect(claimed.map((x) => x.caseId)).toContain(c.id);
    const asked = grantsFor(mp, customer);
    await pollsDue(app.app.services);
    expect(grantsFor(mp, customer)).toBe(asked);
    clock.advance(301);
    const again = await until(async () => {
      const q = await poll(c.id);
      return q.attempt > p.attempt ? q : null;
    }, "the poll after the lease");
    expect(grantsFor(mp, customer)).toBe(asked + 2);
    expect(again.doneAt).toBeNull();
  });

  it("a cancelled case ends its poll in the same move", async () => {
    const c = await waitingCase("812345664");
    await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: "U0OWNER", set: { closedReason: "test" } });
    const p = await poll(c.id);
    expect(p.doneAt).not.toBeNull();
    expect(p.outcome).toBe("cancelled");
  });
});

describe.skipIf(!hasPostgres())("two replicas on PostgreSQL", () => {
  const clock = testClock();
  let mp: FakeMaskinporten;
  let apps: TestApp[] = [];
  usePollingApps((f) => ({ mp, apps } = f), clock, { env: { MASKINPORTEN_TEST_SCOPES: `${reportable},${media}` }, backend: "postgresql", replicas: 2 });

  it("make the same number of token requests as one: each poll once", async () => {
    const [one, two] = apps as [TestApp, TestApp];
    const opened = await openTestCase(one, { ...order, customer_orgnr: "812345680" }, "U0OWNER");
    const c = await moveTo(one, opened.reference, "awaiting_delegation");
    const before = mp.tokenRequests;
    for (let round = 1; round <= 3; round += 1) {
      const p = await one.app.runtime.db.delegationPoll.findUniqueOrThrow({ where: { caseId: c.id } });
      clock.advance((p.dueAt.getTime() - clock.now().getTime()) / 1000 + 1);
      // Both schedulers tick on their own; both replicas are also asked at once, here.
      await Promise.all([pollsDue(one.app.services), pollsDue(two.app.services)]);
      await until(async () => (await one.app.runtime.db.delegationPoll.findUniqueOrThrow({ where: { caseId: c.id } })).attempt === round, `poll ${round}`);
      await Promise.all([pollsDue(one.app.services), pollsDue(two.app.services)]);
      // one replica asks for the two scopes once per poll
      expect(mp.tokenRequests - before).toBe(2 * round);
    }
  });
});
