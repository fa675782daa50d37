import { describe, expect, it } from "vitest";
import { advanceCase } from "../../src/service/cases.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack, type RecordedCall } from "../support/fakeSlack.js";
import { type TestApp } from "../support/app.js";
import { ask, homeClick, manyCases, newCase } from "./statusSupport.js";

type Block = Record<string, unknown> & { type: string; block_id?: string };

async function openHome(app: TestApp, user: string): Promise<RecordedCall> {
  const before = app.slack.callsOf("views.publish").length;
  const res = await app.event({ type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home", event_ts: `${Date.now() / 1000}` });
  expect(res.status).toBe(200);
  return app.slack.waitFor(() => app.slack.callsOf("views.publish")[before]);
}

function blocksOf(call: RecordedCall): Block[] {
  const view = (typeof call.args.view === "string" ? JSON.parse(call.args.view) : call.args.view) as { blocks: Block[] };
  return view.blocks;
}

/** The blocks between the "mine" header and the team header, and after it. */
function sections(blocks: Block[], mineTitle: string, teamTitle: string) {
  const idx = (title: string) => blocks.findIndex((b) => b.type === "header" && JSON.stringify(b).includes(title));
  const mine = idx(mineTitle);
  const team = idx(teamTitle);
  expect(mine).toBeGreaterThan(-1);
  expect(team).toBeGreaterThan(mine);
  return { mine: JSON.stringify(blocks.slice(mine, team)), team: JSON.stringify(blocks.slice(team)) };
}

describe("App Home", () => {
  let slack: FakeSlack;
  let app: TestApp;

  // These count the publishes that opening Home makes; home-refresh.test.ts has the ones that follow a change.
  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" });

  it("shows the user's own cases and the team's open cases by stage, with buttons, age, next action and counts", async () => {
    const a1 = await newCase(app, { customer_name: "Alice Første AS" }, "U0ALICE");
    const a2 = await newCase(app, { customer_name: "Alice Andre AS", customer_access: "pending" }, "U0ALICE");
    const b1 = await newCase(app, { customer_name: "Bobs Kunde AS" }, "U0BOB");
    const gone = await newCase(app, { customer_name: "Avbrutt Kunde AS" }, "U0ALICE");
    await advanceCase(app.app.services, { reference: gone.reference, to: "cancelled", actor: "U0ALICE", set: { closedReason: "feil" } });

    const call = await openHome(app, "U0ALICE");
    expect(call.response.ok).toBe(true);
    expect(call.args.user_id).toBe("U0ALICE");
    const blocks = blocksOf(call);
    expect(blocks.length).toBeLessThanOrEqual(100);
    const { mine, team } = sections(blocks, "Mine åpne saker", "Teamets åpne saker");
    expect(mine).toContain(`*${a1.reference}*`);
    expect(mine).toContain(`*${a2.reference}*`);
    expect(mine).not.toContain(`*${b1.reference}*`);
    for (const c of [a1, a2, b1]) expect(team).toContain(`*${c.reference}*`);
    expect(JSON.stringify(blocks)).not.toContain(gone.reference);
    // grouped by stage: customer access first, then the rest in process order
    expect(team.indexOf("*Venter på at kunden får tilgang fra Brreg*")).toBeLessThan(team.indexOf(`*${a1.reference}*`));
    // the buttons each stage allows, carrying the reference
    const actions = blocks.filter((b) => b.type === "actions" && b.block_id === `home_mine:${a2.reference}`);
    expect(JSON.stringify(actions)).toContain('"action_id":"customer_access_confirmed"');
    expect(JSON.stringify(actions)).toContain(`"value":"${a2.reference}"`);
    expect(JSON.stringify(blocks)).toContain('"action_id":"home_new_case"');
    expect(JSON.stringify(blocks)).toContain("Ny sak");
    expect(team).toContain("under en time");
    expect(team).toContain("Eier: <@U0BOB>");
    expect(team).toContain("Neste: Send kunden forklaringen");
    // counts per open stage
    const countBlock = blocks.find((b) => JSON.stringify(b).includes("Åpne saker per steg")) as unknown as { fields: Array<{ text: string }> };
    const count = (label: string) => Number(/\*(\d+)\*/.exec(countBlock.fields.find((f) => f.text.startsWith(label))!.text)![1]);
    expect(count("Venter på at kunden får tilgang fra Brreg")).toBe(1);
    expect(count("Venter på delegering fra kunden")).toBe(0);
    // the outbox worker may already have sent the two confirmed orders on
    expect(count("Bestillingen sendes til Brreg") + count("Venter på svar fra Brreg")).toBe(2);
  });

  it("Bob's Home has Bob's case as his own and none of Alice's", async () => {
    const blocks = blocksOf(await openHome(app, "U0BOB"));
    const { mine } = sections(blocks, "Mine åpne saker", "Teamets åpne saker");
    expect(mine).toContain("Bobs Kunde AS");
    expect(mine).not.toContain("Alice");
  });

  it("publishes nothing when the Messages tab opens", async () => {
    const before = slack.callsOf("views.publish").length;
    await app.event({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "messages", event_ts: "1.2" });
    // The same user then opens Home: exactly that one publish follows, none for the Messages tab.
    await app.event({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home", event_ts: "1.3" });
    await slack.waitFor(() => slack.callsOf("views.publish").length > before);
    await ask(app, "hjelp");
    expect(slack.callsOf("views.publish").length).toBe(before + 1);
  });

  it("Ny sak opens the order modal", async () => {
    const before = slack.callsOf("views.open").length;
    const res = await app.interact(homeClick("home_new_case", undefined, "U0ALICE"));
    expect(res.status).toBe(200);
    const opened = await slack.waitFor(() => slack.callsOf("views.open")[before]);
    expect(opened.response.ok).toBe(true);
    const view = (typeof opened.args.view === "string" ? JSON.parse(opened.args.view) : opened.args.view) as { type: string; callback_id: string };
    expect(view.type).toBe("modal");
    expect(view.callback_id).toMatch(/^order/);
  });
});

describe("App Home pages", () => {
  let slack: FakeSlack;
  let app: TestApp;

  useTestApp((f) => ({ slack, app } = f), { HOME_REFRESH_SECONDS: "0" });

  it("exactly a page of team cases has no next button; a page + 1 pages within 100 blocks", async () => {
    const t0 = Date.UTC(2025, 5, 1);
    // 12 of Alice's (more than Home shows as hers) and 18 others: 30 open cases, one team page.
    const alices = await manyCases(app, 12, { owner: "U0ALICE", stage: "customer_access_pending", at: (i) => new Date(t0 + i * 60_000), refBase: 500 });
    const others = await manyCases(app, 18, { owner: "U0CARL", stage: "awaiting_delegation", at: (i) => new Date(t0 + i * 60_000), refBase: 600 });
    let call = await openHome(app, "U0ALICE");
    expect(call.response.ok).toBe(true);
    let text = JSON.stringify(blocksOf(call));
    expect(text).not.toContain("home_next");
    for (const ref of [...alices, ...others]) expect(text).toContain(`*${ref}*`);
    expect(text).toContain("liste mine"); // more of hers than shown as hers
    const mineShown = blocksOf(call).filter((b) => b.block_id?.startsWith("home_mine:"));
    expect(mineShown).toHaveLength(10);

    const [newest] = await manyCases(app, 1, { owner: "U0CARL", stage: "awaiting_delegation", at: () => new Date(t0 + 3_600_000), refBase: 700 });
    call = await openHome(app, "U0ALICE");
    expect(call.response.ok).toBe(true); // FakeSlack refuses a view over 100 blocks
    const blocks = blocksOf(call);
    expect(blocks.length).toBeLessThanOrEqual(100);
    text = JSON.stringify(blocks);
    expect(text).not.toContain(`*${newest}*`);
    const pager = blocks.find((b) => b.block_id === "home_pages") as unknown as { elements: Array<{ action_id: string; value: string }> };
    const next = pager.elements.find((e) => e.action_id === "home_next")!;
    expect(next).toBeDefined();

    const before = slack.callsOf("views.publish").length;
    await app.interact(homeClick("home_next", next.value, "U0ALICE"));
    const page2 = await slack.waitFor(() => slack.callsOf("views.publish")[before]);
    expect(page2.response.ok).toBe(true);
    const { team } = sections(blocksOf(page2), "Mine åpne saker", "Teamets åpne saker");
    expect(team).toContain(`*${newest}*`);
    expect(team).toContain("Side 2");
    for (const ref of others) expect(team).not.toContain(`*${ref}*`);
    expect(team).not.toContain("home_next");
    expect(team).toContain("home_first");
    // counts are of every open case, not of the page
    expect(JSON.stringify(blocksOf(page2))).toContain("Venter på delegering fra kunden\\n*19*");
  });
});

describe("LOCALE=en", () => {
  let app: TestApp;

  useTestApp((f) => ({ app } = f), { LOCALE: "en" });

  it("renders status, liste and Home in English", async () => {
    const c = await newCase(app, { customer_name: "English Customer Ltd", customer_access: "pending" }, "U0ALICE");
    await advanceCase(app.app.services, { reference: c.reference, to: "order_pending", actor: "U0ALICE" });
    const status = await ask(app, `status ${c.reference}`);
    for (const en of ["Stage", "Next", "Owner", "Thread", "Latest events", "created the case", "moved the case to “Sending the order to Brreg”", "Environment"]) {
      expect(status.text).toContain(en);
    }
    for (const nb of ["Steg", "Neste", "Eier", "Tråd", "Siste hendelser", "opprettet", "flyttet"]) expect(status.text).not.toContain(nb);

    const none = await ask(app, "status nothing-here");
    expect(none.text).toContain("No case found");
    expect(none.text).toContain("/delegering list");

    const list = await ask(app, "list");
    expect(list.text).toContain("All open cases");
    expect(list.text).toMatch(/\*(Sending the order to Brreg|Waiting for Brreg's reply)\*/);

    const home = JSON.stringify(blocksOf(await openHome(app, "U0ALICE")));
    for (const en of ["My open cases", "The team's open cases", "New case", "Open cases by stage", "Owner:", "Next:"]) expect(home).toContain(en);
    for (const nb of ["Mine åpne saker", "Ny sak", "Eier:", "Neste:", "Venter på"]) expect(home).not.toContain(nb);
  });
});
