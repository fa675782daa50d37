import { describe, expect, it } from "vitest";
import type { Case } from "../../src/generated/prisma/client.js";
import { fictitiousOrder, order } from "../domain/fixtures.js";
import type { TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { openTestCase } from "../support/cases.js";
import { backends } from "../support/db.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { answerTo, click, freshCase, moveTo, submit, untilStage } from "./followupHelpers.js";

const owner = "U0OWNER";
const ownerDm = "D0OWNER";
const scope = "brreg:reelle/offentlig";

const modalValues = (orgnr: string | null, chosen: string | null) => ({
  fictitious_orgnr: { fictitious_orgnr: { type: "plain_text_input", value: orgnr } },
  scope: { scope: { type: "radio_buttons", selected_option: chosen ? { value: chosen } : null } },
});

/** A fictitious case waiting for Brreg (its order e-mail written as a preview: no SMTP here). */
async function waitingForBrreg(app: TestApp): Promise<Case> {
  const opened = await openTestCase(app, fictitiousOrder, owner);
  return moveTo(app, opened.reference, "awaiting_brreg");
}

describe.each(backends())("a fictitious case confirmed by hand on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), {}, { backend });

  const openedModal = async (before: number) => {
    const call = await slack.waitFor(() => slack.callsOf("views.open")[before]);
    // Within Slack's limits: the stand-in refuses what Slack refuses.
    expect(call.response.ok).toBe(true);
    return call.args.view as Record<string, unknown>;
  };

  it("«Brreg har bekreftet» opens the confirmation modal, empty without a reply to read; confirming tells the owner what to do in Altinn TT02", async () => {
    const c = await waitingForBrreg(app);
    const before = slack.callsOf("views.open").length;
    await click(app, "brreg_confirmed", c.reference, owner);
    const view = await openedModal(before);
    expect(view.callback_id).toBe("confirm_fictitious");
    expect(view.private_metadata).toBe(c.reference);
    expect(JSON.stringify(view)).not.toContain("initial_value");
    expect(JSON.stringify(view)).not.toContain("initial_option");
    // The button moved nothing by itself.
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");

    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner)).toEqual({});
    const moved = await untilStage(app, c.reference, "awaiting_delegation");
    expect(moved).toMatchObject({ fictitiousOrgnr: "310964719", fictitiousScope: scope });
    const event = await app.app.store.db.caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:awaiting_delegation" } });
    expect(event.actor).toBe(owner);
    expect(event.details).toMatchObject({ via: "confirm_fictitious", fictitiousOrgnr: "310964719", fictitiousScope: scope });

    const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === ownerDm && String(x.args.text).includes(c.reference)));
    const steps = JSON.stringify(dm.args.blocks);
    expect(steps).toContain("i e-posten fra Brreg til dere");
    expect(steps).toContain("«Offentlig myndighet»");
    // No Maskinporten client here: the manual path.
    expect(steps).toContain("trykk «Rapporter scope» i saken");
    expect(steps).toContain('"action_id":"report_scope"');
    expect(steps).not.toContain("send_to_customer");
    expect(steps).not.toContain("kunden");
  });

  it("refuses the confirmation on a case that moved on or is not fictitious, and for an existing customer's case the button changes nothing", async () => {
    const c = await waitingForBrreg(app);
    await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner);
    await untilStage(app, c.reference, "awaiting_delegation");
    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner)).toEqual({
      response_action: "errors",
      errors: { fictitious_orgnr: "Saken har gått videre og står nå på «Venter på delegering fra kunden». Ingenting er endret." },
    });

    const existing = await moveTo(app, (await openTestCase(app, order, owner)).reference, "awaiting_brreg");
    const { responseId } = await click(app, "confirm_fictitious", existing.reference, owner);
    expect(await answerTo(app, responseId)).toBe(`${existing.reference} er ikke en sak med fiktiv kunde. Ingenting er endret.`);
    expect(await submit(app, "confirm_fictitious", existing.reference, modalValues("310964719", scope), owner)).toMatchObject({ response_action: "errors" });
    const after = await freshCase(app, existing.reference);
    expect(after).toMatchObject({ stage: "awaiting_brreg", fictitiousOrgnr: null });
  });
});

describe("a fictitious case in English (LOCALE=en)", () => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), { LOCALE: "en" });

  it("asks and tells in English", async () => {
    const c = await waitingForBrreg(app);
    const before = slack.callsOf("views.open").length;
    await click(app, "brreg_confirmed", c.reference, owner);
    const view = await slack.waitFor(() => slack.callsOf("views.open")[before]);
    expect(JSON.stringify(view.args.view)).toContain("The fictitious company's organisation number");
    expect(await submit(app, "confirm_fictitious", c.reference, modalValues("920012345", scope), owner)).toEqual({
      response_action: "errors",
      errors: { fictitious_orgnr: "This is your own organisation number. Enter the organisation number of the fictitious company Brreg created." },
    });
    await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner);
    const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => x.args.channel === ownerDm && String(x.args.text).includes(c.reference)));
    expect(String(dm.args.text)).toBe(`The fictitious company 310 964 719 of ${c.reference} is confirmed. This is what you do yourselves now:`);
    const steps = JSON.stringify(dm.args.blocks);
    expect(steps).toContain("ID-porten's test login (TestID)");
    expect(steps).toContain("never paste it into Slack");
    expect(steps).toContain("«Leverandører» → «Legg til leverandør»");
  });
});
