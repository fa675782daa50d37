import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/service/cases.js";
import { caseChannel, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import type { FakeSlack, RecordedCall } from "../support/fakeSlack.js";
import { homeClick, manyCases, newCase } from "./statusSupport.js";

// Home that stays current: a change to a case publishes Home again, without anyone opening it.

function viewText(call: RecordedCall): string {
  return typeof call.args.view === "string" ? call.args.view : JSON.stringify(call.args.view);
}

describe.each(backends())("Home that stays current on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), {}, { backend });

  it("a case moved by the brreg_confirmed button publishes its owner's Home, and that of whoever opened Home lately", async () => {
    // Bob opened Home earlier today: his Home is kept current too.
    await app.event({ type: "app_home_opened", user: "U0BOB", channel: "D0BOB", tab: "home", event_ts: `${Date.now() / 1000}` });
    await slack.waitFor(() => slack.callsOf("views.publish").find((p) => p.args.user_id === "U0BOB"));

    const c = await newCase(app, { customer_name: "Oppdatert Kunde AS" }, "U0CAROL");
    await advanceCase(app.app.services, { reference: c.reference, from: "order_pending", to: "awaiting_brreg", actor: "mail" });
    const showing = (user: string, stage: string) => (p: RecordedCall) => p.args.user_id === user && viewText(p).includes(c.reference) && viewText(p).includes(stage);
    // Carol never opened Home; her Home is published with the case waiting for Brreg.
    await slack.waitFor(() => slack.callsOf("views.publish").find(showing("U0CAROL", "Venter på svar fra Brreg")));

    const root = slack.callsOf("chat.postMessage").find((m) => m.args.channel === caseChannel && !m.args.thread_ts && JSON.stringify(m.args.blocks).includes(c.reference));
    const res = await app.interact({
      type: "block_actions",
      team: { id: "T0TEST", domain: "test" },
      user: { id: "U0CAROL", name: "carol", team_id: "T0TEST" },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: `trigger.${Date.now()}`,
      channel: { id: caseChannel },
      container: { type: "message", message_ts: String(root?.response.ts) },
      response_url: slack.responseUrl(),
      actions: [{ type: "button", action_id: "brreg_confirmed", block_id: `case_actions:${c.reference}`, value: c.reference, action_ts: `${Date.now() / 1000}` }],
    });
    expect(res.status).toBe(200);
    const delegation = "Venter på delegering fra kunden";
    const carol = await slack.waitFor(() => slack.callsOf("views.publish").find(showing("U0CAROL", delegation)));
    expect(carol.response.ok).toBe(true);
    await slack.waitFor(() => slack.callsOf("views.publish").find(showing("U0BOB", delegation)));
    // Stopped here (the fixture's stop is then a no-op): a publish under way finishes first, so
    // what Carol was shown is all she will be shown.
    await app.stop();
    // Nobody opened Carol's Home: every publish for her followed a change, once per change. The
    // move to the delegation stage reached her in one publish, and it is the last Home she was shown.
    const toCarol = slack.callsOf("views.publish").filter((p) => p.args.user_id === "U0CAROL");
    expect(toCarol.filter(showing("U0CAROL", delegation))).toHaveLength(1);
    expect(toCarol.at(-1)).toBe(carol);
  });
});

describe("Home refreshed on the team page its viewer was shown", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0.2" });

  const publishesTo = (user: string) => slack.callsOf("views.publish").filter((p) => p.args.user_id === user);
  async function nextPublishTo(user: string, before: number): Promise<string> {
    return viewText(await slack.waitFor(() => publishesTo(user)[before]));
  }

  it("stays on page 2 after a change, and is back on page 1 once the tab is opened again", async () => {
    const t0 = Date.UTC(2025, 5, 1);
    // 31 waiting for the delegation: one more than a team page.
    const refs = await manyCases(app, 31, { owner: "U0CARL", stage: "awaiting_delegation", at: (i) => new Date(t0 + i * 60_000), refBase: 900 });
    const last = refs.at(-1)!;
    const open = async () => {
      const before = publishesTo("U0BOB").length;
      await app.event({ type: "app_home_opened", user: "U0BOB", channel: "D0BOB", tab: "home", event_ts: `${Date.now() / 1000}` });
      return nextPublishTo("U0BOB", before);
    };
    const firstPage = await open();
    expect(firstPage).not.toContain(`*${last}*`);
    const view = JSON.parse(firstPage) as { blocks: Array<{ block_id?: string; elements?: Array<{ action_id: string; value: string }> }> };
    const next = view.blocks.find((b) => b.block_id === "home_pages")?.elements?.find((e) => e.action_id === "home_next");
    expect(next).toBeDefined();

    let before = publishesTo("U0BOB").length;
    await app.interact(homeClick("home_next", next!.value, "U0BOB"));
    expect(await nextPublishTo("U0BOB", before)).toContain("Side 2");

    // Someone else's new case: Bob's Home is published again, still on page 2.
    before = publishesTo("U0BOB").length;
    // Waiting for the customer's access: no order e-mail, so no second change follows.
    const c = await newCase(app, { customer_name: "Ny Kunde AS", customer_access: "pending" }, "U0CAROL");
    const refreshed = await nextPublishTo("U0BOB", before);
    expect(refreshed).toContain("Side 2");
    expect(refreshed).toContain(`*${last}*`);
    expect(refreshed).not.toContain(c.reference);

    // Opening the tab shows the first page, and so does the next refresh.
    const reopened = await open();
    expect(reopened).not.toContain("Side 2");
    before = publishesTo("U0BOB").length;
    await advanceCase(app.app.services, { reference: c.reference, to: "cancelled", actor: "U0CAROL", set: { closedReason: "test" } });
    const afterReopen = await nextPublishTo("U0BOB", before);
    expect(afterReopen).not.toContain("Side 2");
    expect(afterReopen).not.toContain(c.reference);
  });
});

describe("a Home publish Slack refuses", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0.2" });

  it("is tried again by a later pass instead of being forgotten", async () => {
    const outage = slack.fail("views.publish", { error: "service_unavailable" });
    let c;
    try {
      c = await newCase(app, { customer_name: "Hjem Senere AS", customer_access: "pending" }, "U0DORA");
      await slack.waitFor(() => slack.callsOf("views.publish").find((p) => p.args.user_id === "U0DORA" && p.response.error === "service_unavailable"));
    } finally {
      outage();
    }
    // No change to any case since: the failed publish itself is tried again, and Slack takes it.
    const published = await slack.waitFor(() => slack.callsOf("views.publish").find((p) => p.args.user_id === "U0DORA" && p.response.ok === true));
    expect(viewText(published)).toContain(c.reference);
  });
});
