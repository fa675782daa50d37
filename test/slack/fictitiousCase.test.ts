import { describe, expect, it } from "vitest";
import type { CaseRecord } from "../../src/domain/caseRecord.js";
import { fictitiousOrder, order } from "../domain/fixtures.js";
import type { TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { noticesSettled, openTestCase } from "../support/cases.js";
import { backends } from "../support/db.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { stageLabel, type Stage } from "../../src/domain/stages.js";
import { advanceCase } from "../../src/service/cases.js";
import { remindersDue } from "../../src/service/reminders.js";
import { answerTo, click, freshCase, moveTo, submit, uploadedFile, untilStage } from "./followupHelpers.js";
import { ask } from "./statusSupport.js";

const owner = "U0OWNER";
const ownerDm = "D0OWNER";
const scope = "brreg:reelle/offentlig";

const modalValues = (orgnr: string | null, chosen: string | null) => ({
  fictitious_orgnr: { fictitious_orgnr: { type: "plain_text_input", value: orgnr } },
  scope: { scope: { type: "radio_buttons", selected_option: chosen ? { value: chosen } : null } },
});

/** A fictitious case waiting for Brreg (its order e-mail written as a preview: no SMTP here). */
async function waitingForBrreg(app: TestApp): Promise<CaseRecord> {
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

describe.each(backends())("a fictitious case everywhere else on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  useTestApp((f) => ({ slack, app } = f), {}, { backend });

  const rootOf = (c: Pick<CaseRecord, "threadTs">) => {
    const updated = slack.callsOf("chat.update").filter((u) => u.args.ts === c.threadTs).at(-1);
    return JSON.stringify((updated ?? slack.callsOf("chat.postMessage").find((m) => m.response.ts === c.threadTs))!.args.blocks);
  };
  const postsIn = (c: Pick<CaseRecord, "threadTs">) => slack.callsOf("chat.postMessage").filter((m) => m.args.thread_ts === c.threadTs).map((m) => String(m.args.text));

  /**
   * Fires the case's open reminder of `stage` now; resolves to the reminder in the thread. The
   * claim skips a reminder whose case row another transaction holds (the order's late send, a
   * root update), and the app's own scheduler comes back to it only on its next tick: so this
   * asks again until the reminder is in the thread.
   */
  async function reminderOf(c: CaseRecord, stage: string): Promise<string> {
    const posted = () => postsIn(c).find((t) => t.startsWith(`<@${owner}> Påminnelse`) && t.includes(`«${stageLabel[stage as Stage].nb}»`));
    for (let tries = 0; tries < 20 && !posted(); tries++) {
      await app.app.store.db.reminder.updateMany({ where: { caseId: c.id, kind: stage, doneAt: null }, data: { dueAt: new Date(Date.now() - 60_000) } });
      await remindersDue(app.app.services);
      await slack.waitFor(posted, 1_000).catch(() => undefined);
    }
    return slack.waitFor(posted);
  }

  it("shows the route in the root message, status, liste, Home, the weekly overview and the event CSV, with reminders written for it", async () => {
    const c = await waitingForBrreg(app);
    // The root message is updated by the notice worker, after the move commits.
    await noticesSettled(app);
    const root = rootOf(await freshCase(app, c.reference));
    expect(root).toContain(`*${c.reference} · Fiktiv kunde (TT02)*`);
    expect(root).toContain("Fiktiv virksomhet: ikke bekreftet ennå");
    expect(root).toContain("Bekreft fiktiv virksomhet");
    expect(root).not.toContain("Kundens testansvarlig");
    // Waiting for Brreg: the reminder says what this route waits for.
    const waitingReminder = await reminderOf(c, "awaiting_brreg");
    expect(waitingReminder).toContain("Vent på at Brreg oppretter den fiktive virksomheten");
    // Brreg has not replied yet: a follow-up is offered.
    const reminderPost = slack.callsOf("chat.postMessage").find((m) => m.args.text === waitingReminder);
    expect(JSON.stringify(reminderPost!.args.blocks)).toContain('"action_id":"send_followup"');

    await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner);
    const delegating = await untilStage(app, c.reference, "awaiting_delegation");
    // Then the vendor delegates itself.
    const delegateReminder = await reminderOf(delegating, "awaiting_delegation");
    expect(delegateReminder).toContain("Deleger selv i Altinn TT02: logg inn som den fiktive personen, representer den fiktive virksomheten");

    const status = await ask(app, `status ${c.reference}`);
    expect(status.text).toContain("Fiktiv kunde (TT02)");
    expect(status.text).toContain("Fiktiv virksomhet: 310 964 719");
    expect(status.text).toContain(`\`${scope}\``);
    // The fictitious company's number finds the case too.
    expect((await ask(app, "status 310 964 719")).text).toContain(c.reference);

    const liste = await ask(app, "liste");
    expect(liste.text).toContain(`*${c.reference}* · fiktiv kunde (310 964 719) · TT02 (test)`);
    const before = slack.callsOf("views.publish").length;
    await app.event({ type: "app_home_opened", user: owner, channel: ownerDm, tab: "home", event_ts: `${Date.now() / 1000}` });
    const home = await slack.waitFor(() => slack.callsOf("views.publish")[before]);
    expect(JSON.stringify(home.args.view)).toContain(`*${c.reference}* · fiktiv kunde (310 964 719)`);
    expect((await ask(app, "oversikt")).text).toContain(`*${c.reference}* · fiktiv kunde (310 964 719)`);

    await click(app, "export_events", c.reference, owner);
    const complete = await slack.waitFor(() => slack.callsOf("files.completeUploadExternal").at(-1));
    const files = complete.args.files as Array<{ id: string }>;
    const csv = uploadedFile(slack.uploads.find((u) => u.id === files[0]!.id)!.content);
    expect(csv).toContain('""route"":""fictitious""');
    expect(csv).toContain('""fictitiousOrgnr"":""310964719""');
  });

  it("offers no «Start produksjon» once it works, but a new case with a real customer", async () => {
    const c = await waitingForBrreg(app);
    await submit(app, "confirm_fictitious", c.reference, modalValues("310964719", scope), owner);
    await untilStage(app, c.reference, "awaiting_delegation");
    const svc = app.app.services;
    await advanceCase(svc, { reference: c.reference, from: "awaiting_delegation", to: "completed", actor: "maskinporten", set: { scope } });
    await advanceCase(svc, { reference: c.reference, from: "completed", to: "verified", actor: "maskinporten" });
    await noticesSettled(app);
    const verified = await freshCase(app, c.reference);
    const root = rootOf(verified);
    expect(root).not.toContain('"action_id":"start_production"');
    expect(root).toContain('"action_id":"new_real_customer"');
    expect(root).toContain("Produksjon krever en ekte kunde");
    const status = await ask(app, `status ${c.reference}`);
    expect(status.text).not.toContain("start_production");
    expect(status.text).toContain("new_real_customer");

    // A «Start produksjon» click (an old message, a crafted request) is refused and says why.
    const { responseId } = await click(app, "start_production", c.reference, owner);
    expect(await answerTo(app, responseId)).toContain("produksjon krever alltid en ekte kunde");
    const production = await app.app.store.db.case.count({ where: { environment: "production" } });
    expect(production).toBe(0);

    // «Ny sak med ekte kunde»: the order modal for a customer, with the same vendor.
    const before = slack.callsOf("views.open").length;
    await click(app, "new_real_customer", c.reference, owner);
    const opened = await slack.waitFor(() => slack.callsOf("views.open")[before]);
    expect(opened.response.ok).toBe(true);
    const view = opened.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ type: string; block_id?: string; element?: { initial_value?: string } }> };
    expect(view.callback_id).toBe("order_vendor");
    expect(view.blocks.filter((b) => b.type === "input").map((b) => b.block_id)).toContain("environment");
    expect(view.blocks.find((b) => b.block_id === "vendor_orgnr")?.element?.initial_value).toBe(fictitiousOrder.vendor_orgnr);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ r: "existing" });
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
