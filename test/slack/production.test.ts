import { describe, expect, it } from "vitest";
import { advanceCase, openCase } from "../../src/service/cases.js";
import { caseChannel, teamId, type TestApp } from "../support/app.js";
import { useTestApp } from "../support/appFixture.js";
import { backends } from "../support/db.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { customer, OrderModal, shownValues, text, vendor, type View } from "./intakeDriver.js";
import { decodeDraft } from "../../src/slack/views/orderModalDraft.js";
import type { Stage } from "../../src/domain/stages.js";
import { ask } from "./statusSupport.js";
import { rootMessage } from "./followupHelpers.js";
import { noticesSettled } from "../support/cases.js";

// TT02 first, production next: «Start produksjon» on a TT02 case that works.

describe.each(backends())("TT02 first, production next on %s", (backend) => {
  let slack: FakeSlack;
  let app: TestApp;
  const store = () => app.app.store.db;
  useTestApp((f) => ({ slack, app } = f), {}, { backend });

  async function verifiedTt02Case() {
    const svc = app.app.services;
    const order = { ...vendor, ...customer, vendor_orgnr: "920012345", vendor_contact_email: "kari@fjorddata.no", vendor_contact_phone: "+4791234567", customer_contact_phone: "+4748123456", environment: "tt02" as const, customer_access: "confirmed" as const };
    const { case: c } = await openCase(svc, { order, workspaceId: teamId, ownerUserId: "U0ALICE", creationKey: `test:${Date.now()}` });
    const steps: Array<[Stage, Stage]> = [["order_pending", "awaiting_brreg"], ["awaiting_brreg", "awaiting_delegation"], ["awaiting_delegation", "completed"], ["completed", "verified"]];
    for (const [from, to] of steps) {
      const moved = await advanceCase(svc, { reference: c.reference, from, to, actor: "U0ALICE", ...(to === "completed" ? { set: { scope: "brreg:reelle/rettighetshavere" } } : {}) });
      expect(moved.status).toBe("moved");
    }
    return c;
  }

  it("«Start produksjon» on a verified TT02 case opens the order modal for production; Send creates a production case linked both ways", async () => {
    const test = await verifiedTt02Case();
    // The root message, as last rewritten, offers «Start produksjon».
    const root = await rootMessage(app, test.reference);
    const button = JSON.stringify(root.blocks);
    expect(button).toContain('"action_id":"start_production"');
    expect(button).toContain("Start produksjon");

    const clickStart = () =>
      app.interact({
        type: "block_actions",
        team: { id: teamId, domain: "test" },
        user: { id: "U0ALICE", name: "alice", team_id: teamId },
        api_app_id: "A0APP",
        token: "legacy",
        trigger_id: `trigger.${Date.now()}`,
        channel: { id: caseChannel },
        container: { type: "message", message_ts: root.ts },
        response_url: slack.responseUrl(),
        actions: [{ type: "button", action_id: "start_production", block_id: `case_actions:${test.reference}`, value: test.reference, action_ts: `${Date.now() / 1000}` }],
      });
    const opensBefore = slack.callsOf("views.open").length;
    const res = await clickStart();
    expect(res.status).toBe(200);
    const opened = await slack.waitFor(() => slack.callsOf("views.open")[opensBefore]);
    const view = opened.args.view as View;
    expect(view.callback_id).toBe("order_vendor");
    expect(shownValues(view)).toMatchObject({ environment: "production", vendor_orgnr: "920012345", vendor_name: vendor.vendor_name });
    const draft = decodeDraft(view.private_metadata);
    expect(draft).toMatchObject({ customer_orgnr: "812345672", customer_name: customer.customer_name, customer_contact_email: "ola@nordlys.no", origin: test.reference });

    const modal = new OrderModal(app, slack);
    modal.id = String((opened.response.view as Record<string, unknown>).id);
    modal.view = view;
    await modal.submit();
    expect(modal.view.callback_id).toBe("order_customer");
    expect(shownValues(modal.view)).toMatchObject({ customer_orgnr: "812345672" });
    await modal.submit();
    await modal.submit({ customer_access: "confirmed" });
    expect(modal.view.callback_id).toBe("order_review");
    const sent = await modal.submit();
    expect(sent.body).toMatchObject({ response_action: "update" });
    expect((await modal.nextUpdate()).callback_id).toBe("order_done");

    const production = await store().case.findFirstOrThrow({ where: { environment: "production", customerOrgnr: "812345672" } });
    expect(production.reference).not.toBe(test.reference);
    const testEvents = await store().caseEvent.findMany({ where: { caseId: test.id, kind: "linked_production" } });
    const prodEvents = await store().caseEvent.findMany({ where: { caseId: production.id, kind: "linked_test" } });
    expect(testEvents.map((e) => e.details)).toEqual([{ reference: production.reference }]);
    expect(prodEvents.map((e) => e.details)).toEqual([{ reference: test.reference }]);
    // A notice in each thread naming the other case.
    await noticesSettled(app);
    const prodRoot = await store().case.findUniqueOrThrow({ where: { id: production.id } });
    const testRoot = await store().case.findUniqueOrThrow({ where: { id: test.id } });
    const inThread = (ts: string | null, ref: string) => slack.callsOf("chat.postMessage").some((m) => m.args.thread_ts === ts && String(m.args.text).includes(ref));
    expect(inThread(testRoot.threadTs, production.reference)).toBe(true);
    expect(inThread(prodRoot.threadTs, test.reference)).toBe(true);
    // The production case is not offered «Start produksjon».
    expect(JSON.stringify(slack.callsOf("chat.postMessage").find((m) => m.args.ts === undefined && !m.args.thread_ts && text(m.args.blocks).includes(production.reference))?.args.blocks)).not.toContain("start_production");

    // A second «Start produksjon» points at the production case instead of opening a second one.
    const opensAfter = slack.callsOf("views.open").length;
    const responsesBefore = slack.responses.length;
    expect((await clickStart()).status).toBe(200);
    const again = await slack.waitFor(() => slack.responses[responsesBefore]);
    expect(String(again.body.text)).toContain(`allerede startet fra ${test.reference}`);
    expect(String(again.body.text)).toContain(production.reference);
    expect(slack.callsOf("views.open")).toHaveLength(opensAfter);

    // status shows both, paired.
    const answer = await ask(app, `status ${test.reference}`);
    expect(text(answer.body)).toContain("Produksjonssak");
    expect(text(answer.body)).toContain(production.reference);
    const answer2 = await ask(app, `status ${production.reference}`);
    expect(text(answer2.body)).toContain("Testsak (TT02)");
    expect(text(answer2.body)).toContain(test.reference);
  });
});
