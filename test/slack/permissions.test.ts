import { describe, expect, it } from "vitest";
import { findCase } from "../../src/store/cases.js";
import { changeRequest } from "../../src/slack/permissions.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { type TestApp } from "../support/app.js";
import { ask, homeClick, messageClick, newCase, nextResponse } from "./statusSupport.js";

const group = "S0DELEG";
const refusal = "bare medlemmer av brukergruppen";

describe("SLACK_ALLOWED_USERGROUP: only members change cases, anyone reads", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = new Date("2026-11-24T09:00:00Z");

  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group, USERGROUP_CACHE_SECONDS: "300" }, {
    now: () => clock,
    prepare: (s) => s.usergroups.set(group, ["U0ALICE"]),
  });

  it("refuses /delegering ny from a non-member, politely and without opening the modal", async () => {
    const opened = slack.callsOf("views.open").length;
    const r = await ask(app, "ny", "U0EVE");
    expect(r.body.response_type).toBe("ephemeral");
    expect(r.text).toContain(refusal);
    expect(r.text).toContain("/delegering status");
    const en = await ask(app, "new", "U0EVE");
    expect(en.text).toContain(refusal);
    expect(slack.callsOf("views.open").length).toBe(opened);
  });

  it("lets a member open the order modal", async () => {
    const before = slack.responses.length;
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0ALICE" });
    await slack.waitFor(() => slack.callsOf("views.open").length > opened || slack.responses.length > before);
    expect(JSON.stringify(slack.responses.slice(before))).not.toContain(refusal);
    expect(slack.callsOf("views.open").length).toBe(opened + 1);
  });

  it("refuses a non-member's cancel_case click and leaves the case alone, but answers their status", async () => {
    const c = await newCase(app, { customer_name: "Vernet Kunde AS", customer_access: "pending" }, "U0ALICE");
    const opened = slack.callsOf("views.open").length;
    const before = slack.responses.length;
    const res = await app.interact(messageClick(app, "cancel_case", c.reference, "U0EVE"));
    expect(res.status).toBe(200);
    const r = await nextResponse(app, before);
    expect(r.body.response_type).toBe("ephemeral");
    expect(r.body.replace_original).toBe(false);
    expect(r.text).toContain(refusal);
    expect(slack.callsOf("views.open").length).toBe(opened);
    expect((await findCase(app.app.runtime.db, c.reference))?.stage).toBe("customer_access_pending");

    const status = await ask(app, `status ${c.reference}`, "U0EVE");
    expect(status.text).toContain("Vernet Kunde AS");
    expect(status.text).not.toContain(refusal);
    const list = await ask(app, "liste", "U0EVE");
    expect(list.text).toContain(c.reference);
  });

  it("refuses a non-member's Ny sak on Home with a small modal, and their order submission with a field error", async () => {
    const opened = slack.callsOf("views.open").length;
    await app.interact(homeClick("home_new_case", undefined, "U0EVE"));
    const modal = await slack.waitFor(() => slack.callsOf("views.open")[opened]);
    expect(JSON.stringify(modal.args.view)).toContain(refusal);
    expect(JSON.stringify(modal.args.view)).not.toContain("order_");

    const res = await app.interact({
      type: "view_submission",
      team: { id: "T0TEST", domain: "test" },
      user: { id: "U0EVE", team_id: "T0TEST" },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: "t.1",
      view: {
        id: "V0ORDER",
        type: "modal",
        callback_id: "order_vendor",
        private_metadata: "{}",
        blocks: [{ type: "input", block_id: "vendor_orgnr", element: { type: "plain_text_input", action_id: "vendor_orgnr" }, label: { type: "plain_text", text: "Orgnr" } }],
        state: { values: { vendor_orgnr: { vendor_orgnr: { type: "plain_text_input", value: "920012345" } } } },
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors.vendor_orgnr).toContain(refusal);
  });

  it("caches the member list and refreshes it after USERGROUP_CACHE_SECONDS", async () => {
    const lookups = slack.callsOf("usergroups.users.list").length;
    expect(lookups).toBeGreaterThan(0);
    slack.usergroups.set(group, ["U0ALICE", "U0EVE"]);
    const r = await ask(app, "ny", "U0EVE");
    expect(r.text).toContain(refusal); // still the cached list
    expect(slack.callsOf("usergroups.users.list").length).toBe(lookups);

    clock = new Date(clock.getTime() + 301_000);
    const opened = slack.callsOf("views.open").length;
    const before = slack.responses.length;
    await app.command("ny", { user: "U0EVE" });
    await slack.waitFor(() => slack.callsOf("views.open").length > opened || slack.responses.length > before);
    expect(JSON.stringify(slack.responses.slice(before))).not.toContain(refusal);
    expect(slack.callsOf("usergroups.users.list").length).toBe(lookups + 1);
  });
});

describe("SLACK_ALLOWED_USERGROUP while Slack is slow to list the group's members", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = new Date("2026-11-24T09:00:00Z");
  let release = () => {};

  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group, USERGROUP_CACHE_SECONDS: "300" }, {
    now: () => clock,
    prepare: (s) => {
      s.usergroups.set(group, ["U0ALICE"]);
      release = s.hold("usergroups.users.list");
    },
  });

  it("answers without the list when none was ever fetched: the user hears it could not be checked", async () => {
    const r = await ask(app, "ny", "U0ALICE");
    expect(r.text).toContain("fikk ikke sjekket");
    // Answered while Slack still holds the lookup.
    expect(slack.arrived).toContain("usergroups.users.list");
    expect(slack.callsOf("usergroups.users.list")).toHaveLength(0);
  });

  it("goes on with the cached list once it expired and the new lookup is slow", async () => {
    // The held lookup from the first request fills the cache when Slack answers it.
    release();
    await slack.waitFor(() => slack.callsOf("usergroups.users.list")[0]);
    release = slack.hold("usergroups.users.list");
    clock = new Date(clock.getTime() + 301_000);
    const lookups = slack.callsOf("usergroups.users.list").length;
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0ALICE" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened]);
    expect(slack.callsOf("usergroups.users.list")).toHaveLength(lookups);
    const r = await ask(app, "ny", "U0EVE");
    expect(r.text).toContain(refusal);
    release();
  });
});

describe("without SLACK_ALLOWED_USERGROUP", () => {
  let slack: FakeSlack;
  let app: TestApp;

  useTestApp((f) => ({ slack, app } = f));

  it("anyone in the workspace may create a case, and no group is looked up", async () => {
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0ANYONE" });
    await slack.waitFor(() => slack.callsOf("views.open").length > opened);
    expect(slack.callsOf("usergroups.users.list")).toHaveLength(0);
  });
});

describe("which requests count as changes", () => {
  it("names ny/new, the case buttons and the order/scope/cancel submissions; not status, liste or paging", () => {
    expect(changeRequest({ command: "/delegering", text: "ny", user_id: "U1" })).toMatchObject({ kind: "command" });
    expect(changeRequest({ command: "/delegering", text: "  NEW ", user_id: "U1" })).toMatchObject({ kind: "command" });
    expect(changeRequest({ command: "/delegering", text: "status nytt", user_id: "U1" })).toBeNull();
    expect(changeRequest({ command: "/delegering", text: "liste", user_id: "U1" })).toBeNull();
    for (const id of ["customer_access_confirmed", "brreg_confirmed", "report_scope", "cancel_case", "retry_order", "link_mail", "home_new_case"]) {
      expect(changeRequest({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: id }] }), id).not.toBeNull();
    }
    for (const id of ["liste_next", "home_next", "export_events"]) {
      expect(changeRequest({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: id }] }), id).toBeNull();
    }
    for (const id of ["order_review", "scope_report", "cancel_case", "link_mail"]) {
      expect(changeRequest({ type: "view_submission", user: { id: "U1" }, view: { callback_id: id } }), id).not.toBeNull();
    }
    expect(changeRequest({ type: "view_submission", user: { id: "U1" }, view: { callback_id: "feedback" } })).toBeNull();
    expect(changeRequest({ type: "event_callback", event: { type: "app_home_opened" } })).toBeNull();
  });
});
