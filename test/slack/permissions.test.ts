import { describe, expect, it } from "vitest";
import { findCaseByReference } from "../../src/store/cases.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { registryOf } from "../../src/slack/listeners/register.js";
import { subcommandTable } from "../../src/slack/listeners/commands/delegering.js";
import { accessOf } from "../../src/slack/listeners/commands/subcommand.js";
import { classifyRequest } from "../../src/slack/permissions.js";
import { RecordingLogger } from "../support/recordingLogger.js";
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

  const logger = new RecordingLogger();
  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group, USERGROUP_CACHE_SECONDS: "300" }, {
    now: () => clock,
    prepare: (s) => s.usergroups.set(group, ["U0ALICE"]),
    logger,
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
    expect((await findCaseByReference(app.app.runtime.db, c.reference))?.stage).toBe("customer_access_pending");

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

const guestRefusal = "gjester i arbeidsområdet kan ikke";
const unchecked = "fikk ikke sjekket hos Slack";

/** A submission of `callbackId` as Slack sends it, with no input blocks (the refusal replaces the modal). */
function submission(callbackId: string, user: string, privateMetadata = "") {
  return {
    type: "view_submission",
    team: { id: "T0TEST", domain: "test" },
    user: { id: user, team_id: "T0TEST" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: "t.1",
    view: { id: `V0${user}`, type: "modal", callback_id: callbackId, private_metadata: privateMetadata, blocks: [], state: { values: {} } },
  };
}

describe("workspace guests, with no SLACK_ALLOWED_USERGROUP: they read, and change nothing", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = new Date("2026-11-24T09:00:00Z");
  const logger = new RecordingLogger();
  const guests = ["U0GUEST", "U0SINGLE"];

  useTestApp((f) => ({ slack, app } = f), { USERGROUP_CACHE_SECONDS: "300" }, {
    now: () => clock,
    prepare: (s) => {
      // A multi-channel guest, and a single-channel one told apart by is_ultra_restricted alone.
      s.users.set("U0GUEST", { is_restricted: true });
      s.users.set("U0SINGLE", { is_ultra_restricted: true });
    },
    logger,
  });

  const db = () => app.app.runtime.db;
  const untouched = ["views.open", "views.push", "files.getUploadURLExternal", "files.completeUploadExternal"];
  const touches = () => slack.calls.filter((c) => untouched.includes(c.method)).length;

  it("refuses a guest on every action that changes cases, export included, and the case stays as it was", async () => {
    const c = await newCase(app, { customer_name: "Gjestesikker AS", customer_access: "pending" });
    const changes = [...registryOf(app.app.slack).actions].filter(([, access]) => access === "changes").map(([id]) => id);
    expect(changes).toContain("export_events");
    expect(changes).toContain("send_to_customer");
    const events = await db().caseEvent.count({ where: { caseId: c.id } });
    const before = touches();
    for (const user of guests) {
      for (const id of changes) {
        const responses = slack.responses.length;
        const res = await app.interact(messageClick(app, id, c.reference, user));
        expect(res.status, `${user} ${id}`).toBe(200);
        const r = await nextResponse(app, responses);
        expect(r.text, `${user} ${id}`).toContain(guestRefusal);
        expect(r.body.replace_original, id).toBe(false);
      }
    }
    expect(touches()).toBe(before);
    expect(await db().caseEvent.count({ where: { caseId: c.id } })).toBe(events);
    expect(await db().outboxMessage.count({ where: { caseId: c.id } })).toBe(0);
    expect((await findCaseByReference(db(), c.reference))?.stage).toBe("customer_access_pending");
    expect(slack.callsOf("usergroups.users.list")).toHaveLength(0);
    expect(logger.text()).toContain("refused action export_events from U0GUEST: a workspace guest");
  });

  it("refuses a guest on every submission that changes cases: «Send til kunden» queues nothing", async () => {
    const c = await newCase(app, { customer_name: "Gjestepost AS", customer_access: "pending" });
    const changes = [...registryOf(app.app.slack).views].filter(([, access]) => access === "changes").map(([id]) => id);
    for (const user of guests) {
      for (const id of changes) {
        const res = await app.interact(submission(id, user, id === "customer_mail" ? `${c.reference}|customer_access` : ""));
        expect(res.status, id).toBe(200);
        const body = (await res.json()) as { response_action: string; view?: unknown };
        expect(body.response_action, id).toBe("update");
        expect(JSON.stringify(body.view), id).toContain(guestRefusal);
      }
    }
    expect(await db().outboxMessage.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("refuses a guest's ny, new, import and bulk without opening a modal, and answers their status and liste", async () => {
    const c = await newCase(app, { customer_name: "Lesbar Kunde AS" });
    const before = touches();
    for (const user of guests) {
      for (const sub of ["ny", "new", "import", "bulk"]) {
        const r = await ask(app, sub, user);
        expect(r.text, `${user} ${sub}`).toContain(guestRefusal);
        expect(r.text).toContain("/delegering status");
      }
      const status = await ask(app, `status ${c.reference}`, user);
      expect(status.text).toContain("Lesbar Kunde AS");
      expect(status.text).not.toContain(guestRefusal);
      expect((await ask(app, "liste", user)).text).toContain(c.reference);
    }
    expect(touches()).toBe(before);
  });

  it("lets a full member create a case and export its events", async () => {
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0ALICE" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened]);
    const c = await newCase(app, { customer_name: "Medlem Eksport AS" });
    const uploads = slack.callsOf("files.completeUploadExternal").length;
    const responses = slack.responses.length;
    await app.interact(messageClick(app, "export_events", c.reference, "U0ALICE"));
    const r = await nextResponse(app, responses);
    expect(r.text).not.toContain(guestRefusal);
    expect(slack.callsOf("files.completeUploadExternal")).toHaveLength(uploads + 1);
  });

  it("asks users.info once per person within USERGROUP_CACHE_SECONDS, and again after it", async () => {
    const lookups = (user: string) => slack.callsOf("users.info").filter((c) => c.args.user === user).length;
    const first = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0LATER" });
    await app.command("ny", { user: "U0LATER" });
    await slack.waitFor(() => slack.callsOf("views.open")[first + 1]);
    expect(lookups("U0LATER")).toBe(1);
    expect((await ask(app, "ny", "U0GUEST")).text).toContain(guestRefusal);
    const guestLookups = lookups("U0GUEST");
    // Made a full member: still refused until the cached answer expires.
    slack.users.delete("U0GUEST");
    expect((await ask(app, "ny", "U0GUEST")).text).toContain(guestRefusal);
    expect(lookups("U0GUEST")).toBe(guestLookups);

    clock = new Date(clock.getTime() + 301_000);
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0GUEST" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened]);
    expect(lookups("U0GUEST")).toBe(guestLookups + 1);
    // Reads never ask.
    const all = slack.callsOf("users.info").length;
    await ask(app, "liste", "U0READER");
    expect(slack.callsOf("users.info")).toHaveLength(all);
  });
});

describe("workspace guests when Slack cannot say who is one", () => {
  let slack: FakeSlack;
  let app: TestApp;
  let clock = new Date("2026-11-24T09:00:00Z");
  const logger = new RecordingLogger();

  useTestApp((f) => ({ slack, app } = f), { USERGROUP_CACHE_SECONDS: "300" }, { now: () => clock, logger });

  it("refuses a change with 'could not check' when users.info fails and nothing is cached, and logs why", async () => {
    slack.failures.set("users.info", "ratelimited");
    const opened = slack.callsOf("views.open").length;
    const r = await ask(app, "ny", "U0NEW");
    expect(r.text).toContain(unchecked);
    const c = await newCase(app, { customer_name: "Uviss AS", customer_access: "pending" });
    const responses = slack.responses.length;
    await app.interact(messageClick(app, "export_events", c.reference, "U0NEW"));
    expect((await nextResponse(app, responses)).text).toContain(unchecked);
    expect(slack.callsOf("views.open")).toHaveLength(opened);
    expect(slack.callsOf("files.completeUploadExternal")).toHaveLength(0);
    expect(logger.text()).toContain("users.info for U0NEW failed");
    expect(logger.text()).toContain("refused command ny from U0NEW: could not check whether a guest");

    slack.failures.set("users.info", "missing_scope");
    await ask(app, "ny", "U0NEW");
    expect(logger.text()).toContain("add users:read to the app's bot scopes");
  });

  it("goes on with a person's cached answer when it expired and Slack fails", async () => {
    slack.failures.delete("users.info");
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0KNOWN" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened]);
    slack.failures.set("users.info", "internal_error");
    clock = new Date(clock.getTime() + 301_000);
    await app.command("ny", { user: "U0KNOWN" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened + 1]);
    slack.failures.delete("users.info");
  });

  it("answers within the ack budget when users.info is slow: not checked, nothing opened", async () => {
    const release = slack.hold("users.info");
    try {
      const opened = slack.callsOf("views.open").length;
      const r = await ask(app, "ny", "U0SLOW");
      expect(r.text).toContain(unchecked);
      // Answered while Slack still holds the lookup.
      expect(slack.arrived.filter((m) => m === "users.info").length).toBeGreaterThan(slack.callsOf("users.info").length);
      expect(slack.callsOf("views.open")).toHaveLength(opened);
    } finally {
      release();
    }
  });
});

describe("a workspace guest in SLACK_ALLOWED_USERGROUP", () => {
  let slack: FakeSlack;
  let app: TestApp;

  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group }, {
    prepare: (s) => {
      s.usergroups.set(group, ["U0ALICE", "U0GUEST"]);
      s.users.set("U0GUEST", { is_restricted: true, is_ultra_restricted: false });
    },
  });

  it("is refused as a guest all the same, while the group's full member may go on", async () => {
    const r = await ask(app, "ny", "U0GUEST");
    expect(r.text).toContain(guestRefusal);
    expect(r.text).not.toContain(refusal);
    const opened = slack.callsOf("views.open").length;
    await app.command("ny", { user: "U0ALICE" });
    await slack.waitFor(() => slack.callsOf("views.open")[opened]);
  });
});

/** Every .ts file under src/slack, with its text. */
function slackSources(dir = "src/slack"): Array<[string, string]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? slackSources(path) : e.name.endsWith(".ts") ? [[path, readFileSync(path, "utf8")] as [string, string]] : [];
  });
}

// What each listener declared. A new listener changes this list on purpose: say here whether it reads or changes cases.
const declaredActions = {
  brreg_confirmed: "changes",
  cancel_case: "changes",
  check_now: "changes",
  confirm_fictitious: "changes",
  customer_access_confirmed: "changes",
  export_active: "changes",
  export_events: "changes",
  home_first: "reads",
  home_import: "changes",
  home_new_case: "changes",
  home_next: "reads",
  link_mail: "changes",
  liste_first: "reads",
  liste_next: "reads",
  new_real_customer: "changes",
  order_back: "reads",
  report_scope: "changes",
  retry_order: "changes",
  send_followup: "changes",
  send_to_customer: "changes",
  snooze_day: "changes",
  start_production: "changes",
  snooze_week: "changes",
  verify_token: "changes",
};
const declaredViews = {
  cancel_case: "changes",
  confirm_fictitious: "changes",
  customer_mail: "changes",
  followup_send: "changes",
  import_input: "changes",
  import_review: "changes",
  link_mail: "changes",
  order_access: "changes",
  order_customer: "changes",
  order_review: "changes",
  order_route: "changes",
  order_vendor: "changes",
  scope_report: "changes",
};

const declaredCommands = {
  active: "reads",
  aktive: "reads",
  bulk: "changes",
  help: "reads",
  hjelp: "reads",
  import: "changes",
  list: "reads",
  liste: "reads",
  new: "changes",
  ny: "changes",
  oversikt: "reads",
  status: "reads",
  summary: "reads",
};

describe("deny by default: every listener declares whether it reads or changes cases", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const logger = new RecordingLogger();

  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group }, {
    prepare: (s) => s.usergroups.set(group, ["U0ALICE"]),
    logger,
  });

  it("registers actions and views only through listeners/register.ts", () => {
    const bypass = slackSources().filter(([path, text]) => !path.endsWith("register.ts") && /\bapp\.(action|view|shortcut|options)\(/.test(text));
    expect(bypass.map(([path]) => path)).toEqual([]);
  });

  it("lists every registered action_id and callback_id with its access, none undeclared", () => {
    const registry = registryOf(app.app.slack);
    expect(Object.fromEntries([...registry.actions].sort(([a], [b]) => a.localeCompare(b)))).toEqual(declaredActions);
    expect(Object.fromEntries([...registry.views].sort(([a], [b]) => a.localeCompare(b)))).toEqual(declaredViews);
    expect(Object.fromEntries([...registry.commands].sort(([a], [b]) => a.localeCompare(b)))).toEqual(declaredCommands);
  });

  it("refuses a non-member on every action that changes cases", async () => {
    const changes = [...registryOf(app.app.slack).actions].filter(([, access]) => access === "changes").map(([id]) => id);
    expect(changes.length).toBeGreaterThan(10);
    for (const id of changes) {
      const before = slack.responses.length;
      const res = await app.interact(messageClick(app, id, "DLG-1", "U0EVE"));
      expect(res.status, id).toBe(200);
      const r = await nextResponse(app, before);
      expect(r.text, id).toContain(refusal);
    }
    expect(logger.text()).toContain("refused action verify_token from U0EVE");
  });

  it("refuses a non-member on every submission that changes cases", async () => {
    const changes = [...registryOf(app.app.slack).views].filter(([, access]) => access === "changes").map(([id]) => id);
    for (const id of changes) {
      const res = await app.interact({
        type: "view_submission",
        team: { id: "T0TEST", domain: "test" },
        user: { id: "U0EVE", team_id: "T0TEST" },
        api_app_id: "A0APP",
        token: "legacy",
        trigger_id: "t.1",
        view: { id: "V0ANY", type: "modal", callback_id: id, private_metadata: "", blocks: [], state: { values: {} } },
      });
      expect(res.status, id).toBe(200);
      const body = (await res.json()) as { response_action: string; view?: unknown };
      expect(body.response_action, id).toBe("update");
      expect(JSON.stringify(body.view), id).toContain(refusal);
    }
  });

  it("refuses an action_id or callback_id no listener declared, even from a member, and logs it", async () => {
    const calls = slack.calls.length;
    const responses = slack.responses.length;
    const res = await app.interact(messageClick(app, "made_up_action", "DLG-1", "U0ALICE"));
    expect(res.status).toBe(200);
    const view = await app.interact({
      type: "view_submission",
      team: { id: "T0TEST", domain: "test" },
      user: { id: "U0ALICE", team_id: "T0TEST" },
      api_app_id: "A0APP",
      token: "legacy",
      view: { id: "V0ANY", type: "modal", callback_id: "made_up_view", private_metadata: "", blocks: [], state: { values: {} } },
    });
    expect(view.status).toBe(200);
    expect(logger.text()).toContain("refused action made_up_action from U0ALICE: no listener declared it");
    expect(logger.text()).toContain("refused view made_up_view from U0ALICE: no listener declared it");
    expect(slack.calls.slice(calls).map((c) => c.method).filter((m) => m !== "auth.test")).toEqual([]);
    expect(slack.responses.length).toBe(responses);
  });
});

describe("which requests count as changes", () => {
  const registry = {
    actions: new Map(Object.entries(declaredActions)),
    views: new Map(Object.entries(declaredViews)),
    commands: new Map(Object.entries(declaredCommands)),
  } as Parameters<typeof classifyRequest>[1];

  it("ny/new (and import/bulk) change; status, liste and help read", () => {
    const changing = Object.entries(subcommandTable()).flatMap(([name, s]) => (accessOf(s) === "changes" ? [name] : []));
    expect(changing).toEqual(expect.arrayContaining(["ny", "new", "import", "bulk"]));
    expect(classifyRequest({ command: "/delegering", text: "ny", user_id: "U1" }, registry)).toMatchObject({ kind: "command", access: "changes" });
    expect(classifyRequest({ command: "/delegering", text: "  NEW ", user_id: "U1" }, registry)).toMatchObject({ access: "changes" });
    expect(classifyRequest({ command: "/delegering", text: "import", user_id: "U1" }, registry)).toMatchObject({ access: "changes" });
    expect(classifyRequest({ command: "/delegering", text: "status nytt", user_id: "U1" }, registry)).toMatchObject({ access: "reads" });
    expect(classifyRequest({ command: "/delegering", text: "liste", user_id: "U1" }, registry)).toMatchObject({ access: "reads" });
  });

  it("takes actions and submissions as declared, and anything undeclared as undeclared", () => {
    const action = (id: string) => classifyRequest({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: id }] }, registry);
    const view = (id: string) => classifyRequest({ type: "view_submission", user: { id: "U1" }, view: { callback_id: id } }, registry);
    for (const [id, access] of Object.entries(declaredActions)) expect(action(id), id).toMatchObject({ access });
    for (const [id, access] of Object.entries(declaredViews)) expect(view(id), id).toMatchObject({ access });
    expect(action("made_up")).toMatchObject({ access: "undeclared" });
    expect(view("feedback")).toMatchObject({ access: "undeclared" });
    expect(classifyRequest({ type: "event_callback", event: { type: "app_home_opened" } }, registry)).toBeNull();
  });
});
