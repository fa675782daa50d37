import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { hasDovecot, TestDovecot } from "../support/dovecot.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import { answerTo, click, until } from "./followupHelpers.js";
import { grantsFor, pollSteps, testClock, usePollingApps } from "./pollingHelpers.js";

// Faster detection while the customer is at work: the pause between polls stays at
// DELEGATION_POLL_WORKHOURS_SECONDS on working days 08–17 Oslo time, a customer's reply and
// «Sjekk nå» bring the poll forward. The first wait is 10 minutes, so a short pause shows.
const workHoursSeconds = 120;
const fastEnv = {
  DELEGATION_POLL_MIN_SECONDS: "600",
  DELEGATION_POLL_MAX_SECONDS: "3600",
  DELEGATION_POLL_WORKHOURS_SECONDS: String(workHoursSeconds),
  DELEGATION_POLL_GIVE_UP_DAYS: "30",
  MASKINPORTEN_TEST_SCOPES: "brreg:reelle/rapporteringspliktig",
};

describe("polls while the customer is at work", () => {
  // Tuesday 1 December 2026, 10:00 in Oslo
  const clock = testClock("2026-12-01T09:00:00Z");
  let mp: FakeMaskinporten;
  let app: TestApp;
  usePollingApps((f) => ({ mp, app } = f), clock, { env: fastEnv });
  const { waitingCase, nextPoll, poll } = pollSteps(() => app, clock);

  it("on a Tuesday at 10:00 every DELEGATION_POLL_WORKHOURS_SECONDS; on a Saturday the pause grows", async () => {
    const c = await waitingCase("812345605");
    expect((await poll(c.id)).dueAt).toEqual(new Date(clock.now().getTime() + workHoursSeconds * 1000));
    for (let i = 0; i < 3; i++) {
      const p = await nextPoll(c.id);
      expect(p.dueAt).toEqual(new Date(clock.now().getTime() + workHoursSeconds * 1000));
    }

    // Saturday 5 December, 10:00 in Oslo
    clock.set(new Date("2026-12-05T09:00:00Z"));
    const saturday = await waitingCase("812345613");
    const pauses: number[] = [((await poll(saturday.id)).dueAt.getTime() - clock.now().getTime()) / 1000];
    for (let i = 0; i < 3; i++) {
      const p = await nextPoll(saturday.id);
      pauses.push((p.dueAt.getTime() - clock.now().getTime()) / 1000);
    }
    expect(pauses).toEqual([600, 1200, 2400, 3600]);
  });

  it("«Sjekk nå» polls at once; a second click within the minute does not poll again and says when it may", async () => {
    const customer = "812345621";
    const c = await waitingCase(customer);
    const before = grantsFor(mp, customer);
    const attempt = (await poll(c.id)).attempt;
    const first = await click(app, "check_now", c.reference, "U0OWNER");
    expect(await answerTo(app, first.responseId)).toContain(`Spør Maskinporten om delegeringen i ${c.reference} nå`);
    // the app's clock stands still: only the click brings the poll
    await until(async () => (await poll(c.id)).attempt === attempt + 1, "the poll");
    expect(grantsFor(mp, customer)).toBe(before + 1);

    clock.advance(30);
    const second = await click(app, "check_now", c.reference, "U0BOB");
    const again = new Date(clock.now().getTime() + 30_000).toLocaleTimeString("nb-NO", { timeZone: "Europe/Oslo", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    expect(await answerTo(app, second.responseId)).toContain(`Du kan trykke «Sjekk nå» igjen fra kl. ${again}`);
    expect(grantsFor(mp, customer)).toBe(before + 1);

    clock.advance(31);
    await click(app, "check_now", c.reference, "U0BOB");
    await until(async () => (await poll(c.id)).attempt === attempt + 2, "the poll after a minute");
    const clicks = await app.app.runtime.db.caseEvent.findMany({ where: { caseId: c.id, kind: "check_now" }, orderBy: { id: "asc" } });
    expect(clicks.map((e) => e.actor)).toEqual(["U0OWNER", "U0BOB"]);
  });
});

describe.skipIf(!hasDovecot())("a customer's reply brings the poll forward, against Dovecot", () => {
  // Saturday: the next poll is 10 minutes off
  const clock = testClock("2026-12-05T09:00:00Z");
  let dovecot: TestDovecot;
  let app: TestApp;
  beforeAll(async () => {
    dovecot = await TestDovecot.start();
  });
  usePollingApps((f) => ({ app } = f), clock, { env: () => ({ ...fastEnv, IMAP_URL: dovecot.url, IMAP_POLL_SECONDS: "60", MAIL_FROM: "delegering@fjorddata.no" }) });
  afterAll(() => dovecot?.dispose());
  const { waitingCase, poll } = pollSteps(() => app, clock);

  it("a reply to a case e-mail appended to the mailbox: the poll is made within a minute, without the clock moving", async () => {
    const c = await waitingCase("812345648");
    const before = await poll(c.id);
    expect(before.dueAt.getTime() - clock.now().getTime()).toBe(600_000);
    await dovecot.append(
      [
        "From: Kari Kunde <kari@kunde.no>",
        "To: delegering@fjorddata.no",
        `Subject: SV: [${c.reference}] Delegering av tilgang til Register over reelle rettighetshavere`,
        `Message-ID: <svar-${c.id}@kunde.no>`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hei, nå har vi gitt dere fullmakt.",
        "",
      ].join("\n"),
    );
    const polled = await until(async () => {
      const p = await poll(c.id);
      return p.attempt > before.attempt ? p : null;
    }, "the poll after the reply");
    expect(polled.lastProblem).toBe("never_granted");
    expect(clock.now()).toEqual(new Date("2026-12-05T09:00:00Z"));
  });
});
