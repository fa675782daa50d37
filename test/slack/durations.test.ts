import { describe, expect, it } from "vitest";
import { addWorkingDays } from "../../src/domain/workingDays.js";
import { advanceCase } from "../../src/service/cases.js";
import { remindersDue } from "../../src/service/reminders.js";
import type { TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import { reloadCase } from "../support/cases.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { ask, newCase } from "./statusSupport.js";

// How long things take: medians from the event log on Home and in status, and a reminder that
// says when a case has waited longer than usual.

// Monday 2 March 2026, 10:00 in Oslo: no holidays in the weeks that follow.
const t0 = new Date("2026-03-02T09:00:00Z");
let clock = t0;

async function until<T>(check: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition never held");
}

describe.each(backends())("how long things take on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" }, { now: () => clock, backend });

  /** A case whose order went out at t0 (the outbox moves it to awaiting_brreg at the test clock). */
  async function waitingForBrreg(name: string) {
    clock = t0;
    const c = await newCase(app, { customer_name: name }, "U0ALICE");
    return until(async () => {
      const now = await reloadCase(app, c.reference);
      return now.stage === "awaiting_brreg" ? now : null;
    });
  }

  it("shows the median on Home and in status, and flags a case waiting longer in its reminder", async () => {
    for (const days of [2, 3, 4, 10]) {
      const c = await waitingForBrreg(`Kunde ${days} AS`);
      clock = addWorkingDays(t0, days);
      const moved = await advanceCase(app.app.services, { reference: c.reference, from: "awaiting_brreg", to: "awaiting_delegation", actor: "U0ALICE" });
      expect(moved.status).toBe("moved");
    }
    const late = await waitingForBrreg("Treg Kunde AS");
    clock = addWorkingDays(t0, 6);
    const median = "Brreg har svart etter median 3,5 virkedager (4 saker)";

    const before = slack.callsOf("views.publish").length;
    await app.event({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home", event_ts: "2.1" });
    const home = await slack.waitFor(() => slack.callsOf("views.publish")[before]);
    expect(JSON.stringify(home.args.view)).toContain(median);

    const status = await ask(app, `status ${late.reference}`);
    expect(JSON.stringify(status.body)).toContain(median);
    expect(JSON.stringify(status.body)).toContain("ventet lenger enn vanlig");

    // The reminder (due after 5 working days at REMINDER_HOUR) says so too.
    await remindersDue(app.app.services);
    const reminder = await slack.waitFor(() =>
      slack.callsOf("chat.postMessage").find((m) => m.args.thread_ts === late.threadTs && String(m.args.text).includes("Venter på svar fra Brreg")),
    );
    expect(String(reminder.args.text)).toContain("Denne saken har ventet lenger enn vanlig");
    expect(String(reminder.args.text)).toContain(median);
  });
});
