import { App, webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { caseActionTable, type CaseAction } from "../../src/domain/caseActions.js";
import { actionListeners, type ActionListener } from "../../src/slack/listeners/actions/index.js";
import { onCaseButton } from "../../src/slack/listeners/button.js";
import { registerListeners } from "../../src/slack/listeners/index.js";
import { answer } from "../../src/slack/respond.js";
import { caseMessage } from "../../src/slack/views/caseMessage.js";
import { findCaseByReference } from "../../src/store/cases.js";
import { signingSecret, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { messageClick, newCase, nextResponse } from "./statusSupport.js";

const group = "S0DELEG";
const refusal = "bare medlemmer av brukergruppen";

// A button the app does not have: one row of the case-action table and one listener.
const poke = {
  id: "test_poke",
  stages: ["customer_access_pending"],
  access: "changes",
  rendered: "with_stage",
  label: { nb: "Dytt kunden", en: "Poke the customer" },
  style: "primary",
} as const satisfies CaseAction;
const table: readonly CaseAction[] = [...caseActionTable, poke];

describe("a new case button is one row of the case-action table and one listener", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { SLACK_ALLOWED_USERGROUP: group }, { prepare: (s) => s.usergroups.set(group, ["U0ALICE"]) });

  const poked: string[] = [];
  const pokeListener: ActionListener = (bolt, { svc }) =>
    onCaseButton(bolt, svc, poke, async (ctx) => {
      poked.push(ctx.c.reference);
      await answer(svc.rt, ctx.client, { click: ctx.click }, `poked ${ctx.c.reference}`);
    });

  /** A second Bolt app beside the running one, on its services, registered with the test's listener added. */
  function withPoke(): App {
    const clientOptions = { slackApiUrl: slack.url };
    const bolt = new App({ signingSecret, authorize: () => Promise.resolve({ botToken: "xoxb-test-token" }), clientOptions, convoStore: false });
    registerListeners(bolt, app.app.services, new webApi.WebClient("xoxb-test-token", clientOptions), [...actionListeners, pokeListener]);
    return bolt;
  }

  async function click(bolt: App, reference: string, user: string) {
    const before = slack.responses.length;
    await bolt.processEvent({ body: messageClick(app, poke.id, reference, user), ack: () => Promise.resolve() });
    return nextResponse(app, before);
  }

  it("renders the row in its stage only, acts in that stage, and refuses it in another stage and to a non-member", async () => {
    const bolt = withPoke();
    const waiting = await newCase(app, { customer_name: "Dyttet Kunde AS", customer_access: "pending" }, "U0ALICE");
    const moved = await newCase(app, { customer_name: "Videre Kunde AS", customer_access: "pending" }, "U0ALICE");
    // The second case leaves the row's stage through the app's own button.
    await app.interact(messageClick(app, "customer_access_confirmed", moved.reference));
    await expect.poll(async () => (await findCaseByReference(app.app.runtime.db, moved.reference))?.stage, { timeout: 10_000 }).not.toBe("customer_access_pending");

    const buttonsOf = async (reference: string) => {
      const c = (await findCaseByReference(app.app.runtime.db, reference))!;
      return caseMessage(c, "nb", table).blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    };
    const shown = (await buttonsOf(waiting.reference)).find((b) => "action_id" in b && b.action_id === poke.id);
    expect(shown).toMatchObject({ type: "button", action_id: "test_poke", value: waiting.reference, style: "primary", text: { type: "plain_text", text: "Dytt kunden" } });
    expect((await buttonsOf(moved.reference)).map((b) => ("action_id" in b ? b.action_id : ""))).not.toContain(poke.id);
    // The app's own table has no such row.
    const c = (await findCaseByReference(app.app.runtime.db, waiting.reference))!;
    expect(JSON.stringify(caseMessage(c, "nb").blocks)).not.toContain(poke.id);

    const ok = await click(bolt, waiting.reference, "U0ALICE");
    expect(ok.text).toContain(`poked ${waiting.reference}`);
    expect(poked).toEqual([waiting.reference]);

    const stale = await click(bolt, moved.reference, "U0ALICE");
    expect(stale.text).toContain(`${moved.reference} har allerede gått videre`);
    expect(poked).toEqual([waiting.reference]);

    const refused = await click(bolt, waiting.reference, "U0EVE");
    expect(refused.text).toContain(refusal);
    expect(poked).toEqual([waiting.reference]);
  });
});
