import { describe, expect, it } from "vitest";
import { scopes } from "../../src/domain/scopes.js";
import { useTestApp } from "../support/appFixture.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { caseChannel, freePort, type TestApp } from "../support/app.js";
import { answerTo, click, freshCase, moveTo, newCase, submit, threadPosts, until, untilStage, uploadedFile, parseCsvRecord } from "./followupHelpers.js";

type Option = { value: string; text: { text: string } };
type View = {
  callback_id?: string;
  private_metadata?: string;
  title: { text: string };
  blocks: Array<{ type: string; block_id?: string; element?: { action_id: string; options?: Option[] } }>;
};

describe("follow-through buttons and modals", () => {
  let slack: FakeSlack;
  let app: TestApp;
  const clock = new Date("2027-09-06T10:00:00+02:00");

  useTestApp(
    (f) => ({ slack, app } = f),
    // Nothing listens on this port: every email stays queued (a temporary failure, retried after the fixed clock).
    async () => ({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: "delegering@leverandor.no", SCHEDULER_POLL_MS: "3600000" }),
    { now: () => clock },
  );

  const dbc = () => app.app.runtime.db;
  const opened = (callbackId: string) => slack.waitFor(() => slack.callsOf("views.open").map((c) => c.args.view as View).find((v) => v.callback_id === callbackId));
  // The outbox worker logs its own (mail_*) events in the background; the case's own events are the rest.
  const caseEvents = (caseId: number) => dbc().caseEvent.count({ where: { caseId, NOT: { kind: { startsWith: "mail_" } } } });
  const rootUpdates = (ts: string | null) => slack.callsOf("chat.update").filter((u) => u.args.ts === ts);

  it("customer access confirmed: queues the order under the clicker's name; a second click is stale and changes nothing", async () => {
    const c = await newCase(app, "pending");
    expect(c.stage).toBe("customer_access_pending");
    await click(app, "customer_access_confirmed", c.reference, "U0BOB");
    await untilStage(app, c.reference, "order_pending");
    const order = await dbc().outboxMessage.findMany({ where: { caseId: c.id } });
    expect(order.map((o) => o.kind)).toEqual(["order"]);
    const event = await dbc().caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:order_pending" } });
    expect(event.actor).toBe("U0BOB");
    await slack.waitFor(() => rootUpdates(c.threadTs).length >= 1);
    expect(JSON.stringify(rootUpdates(c.threadTs).at(-1)!.args.blocks)).toContain("Bestillingen sendes til Brreg");

    const events = await caseEvents(c.id);
    const updates = rootUpdates(c.threadTs).length;
    const again = await click(app, "customer_access_confirmed", c.reference, "U0EVE");
    expect(await answerTo(app, again.responseId)).toMatch(/har allerede gått videre.*Ingenting er endret/);
    const answer = slack.responses.find((r) => r.id === again.responseId)!;
    expect(answer.body.response_type).toBe("ephemeral");
    expect(await caseEvents(c.id)).toBe(events);
    expect((await freshCase(app, c.reference)).stage).toBe("order_pending");
    expect(rootUpdates(c.threadTs)).toHaveLength(updates);
  });

  it("scope report: six scopes by name, an empty choice refused, then completed with the Maskinporten summary", async () => {
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_delegation");
    await click(app, "report_scope", c.reference, "U0BOB");
    const view = await opened("scope_report");
    expect(view.private_metadata).toBe(c.reference);
    const input = view.blocks.find((b) => b.type === "input")!;
    expect(input.block_id).toBe("scope");
    expect(input.element?.action_id).toBe("scope");
    const options = input.element?.options ?? [];
    expect(options.map((o) => o.value)).toEqual([...scopes]);
    expect(options.map((o) => o.text.text)).toContain("Rapporteringspliktig virksomhet");
    for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);

    const empty = await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: null } } });
    expect(empty).toMatchObject({ response_action: "errors", errors: { scope: expect.stringContaining("Velg") } });
    const bogus = await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: "brreg:reelle/alt" } } } });
    expect(bogus).toMatchObject({ response_action: "errors" });
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_delegation");

    const ok = await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: "brreg:reelle/rapporteringspliktig" } } } });
    expect(ok).toEqual({});
    const done = await untilStage(app, c.reference, "completed");
    expect(done.scope).toBe("brreg:reelle/rapporteringspliktig");
    const post = await slack.waitFor(() => threadPosts(app, c).find((p) => JSON.stringify(p.args.blocks ?? "").includes("consumer_org")));
    const shown = JSON.stringify(post.args.blocks);
    for (const expected of ["brreg:reelle/rapporteringspliktig", "consumer_org: 812345672", "https://test.maskinporten.no/token", "TT02", "812 345 672", "<@U0BOB>"]) {
      expect(shown).toContain(expected);
    }
    expect(shown).toContain("Kunde &amp; Sønn");
    expect((await dbc().caseEvent.findFirstOrThrow({ where: { caseId: c.id, kind: "stage:completed" } })).actor).toBe("U0BOB");
    expect(await dbc().reminder.count({ where: { caseId: c.id, doneAt: null } })).toBe(0);

    // The modal of a case that has moved on: a field error, nothing changes.
    const late = await submit(app, "scope_report", c.reference, { scope: { scope: { type: "radio_buttons", selected_option: { value: "brreg:reelle/media" } } } });
    expect(late).toMatchObject({ response_action: "errors", errors: { scope: expect.stringContaining("gått videre") } });
    expect((await freshCase(app, c.reference)).scope).toBe("brreg:reelle/rapporteringspliktig");
    // And the button itself is stale now.
    const stale = await click(app, "report_scope", c.reference);
    expect(await answerTo(app, stale.responseId)).toContain("Ingenting er endret");
  });

  it("posts the guidance DM in full for names of the longest allowed length, cut into blocks Slack takes", async () => {
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
    // 200 characters each, with characters that grow when escaped.
    await dbc().case.update({ where: { id: c.id }, data: { vendorName: "V & <A> ".repeat(25).trim(), customerName: "K & <B> ".repeat(25).trim() } });
    await click(app, "brreg_confirmed", c.reference, "U0OWNER");
    await untilStage(app, c.reference, "awaiting_delegation");
    const dm = await slack.waitFor(() => slack.callsOf("chat.postMessage").find((x) => String(x.args.text).includes(`bekreftet ${c.reference} `)));
    expect(dm.response.ok).toBe(true);
    // Every block's text together holds the whole customer text, the full name included.
    const texts = (dm.args.blocks as Array<{ text?: { text: string } }>).map((b) => b.text?.text ?? "").join("");
    const escapedName = "K & <B> ".repeat(25).trim().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(texts.split(escapedName).length - 1).toBeGreaterThanOrEqual(2);
    expect(texts).toContain("Takk!");
  });

  it("follow-up to Brreg: drafted, previewed, queued threaded to the order; cancel then stops it, the order and the reminders", async () => {
    const c = await moveTo(app, (await newCase(app, "confirmed")).reference, "awaiting_brreg");
    expect(c.orderMessageId).toMatch(/^<dlg-\d+\./);
    expect(await dbc().reminder.count({ where: { caseId: c.id, doneAt: null, kind: "awaiting_brreg" } })).toBe(1);

    await click(app, "send_followup", c.reference, "U0OWNER");
    const view = await opened("followup_send");
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(`Purring: [${c.reference}]`);
    expect(shown).toContain("opendata@brreg.no");
    expect(await submit(app, "followup_send", c.reference, {}, "U0OWNER")).toEqual({});
    const followup = await until(() => dbc().outboxMessage.findFirst({ where: { caseId: c.id, kind: "followup-1" } }), "the follow-up row");
    expect(followup.inReplyTo).toBe(c.orderMessageId);
    expect(followup.toAddresses).toEqual(["opendata@brreg.no"]);
    expect(followup.subject).toMatch(/^Purring: \[DLG-\d+\] Bestilling/);
    expect(followup.status).toBe("queued");

    // A colleague answering the same reminder a moment later sends no second follow-up.
    const ephemerals = slack.callsOf("chat.postEphemeral").length;
    expect(await submit(app, "followup_send", c.reference, {}, "U0BOB")).toEqual({});
    const told = await slack.waitFor(() => slack.callsOf("chat.postEphemeral").slice(ephemerals).find((x) => x.args.user === "U0BOB"));
    expect(String(told.args.text)).toContain(`allerede lagt en purring for ${c.reference}`);
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id, kind: { startsWith: "followup-" } } })).toBe(1);

    // Cancel: a reason is required (2–500 characters, one line, no identity numbers).
    await click(app, "cancel_case", c.reference, "U0BOB");
    const cancelView = await opened("cancel_case");
    expect(cancelView.private_metadata).toBe(c.reference);
    const reason = (value: string) => ({ reason: { reason: { type: "plain_text_input", value } } });
    expect(await submit(app, "cancel_case", c.reference, reason(" x "))).toMatchObject({ response_action: "errors", errors: { reason: expect.any(String) } });
    expect(await submit(app, "cancel_case", c.reference, reason("a".repeat(501)))).toMatchObject({ response_action: "errors" });
    expect(await submit(app, "cancel_case", c.reference, reason("ring\u0007 meg"))).toMatchObject({ response_action: "errors" });
    expect(await submit(app, "cancel_case", c.reference, reason("gjelder 010190 12345"))).toMatchObject({ response_action: "errors" });
    expect((await freshCase(app, c.reference)).stage).toBe("awaiting_brreg");

    expect(await submit(app, "cancel_case", c.reference, reason('Kunden valgte "en annen", takk'))).toEqual({});
    const cancelled = await untilStage(app, c.reference, "cancelled");
    expect(cancelled.closedReason).toBe('Kunden valgte "en annen", takk');
    const rows = await dbc().outboxMessage.findMany({ where: { caseId: c.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ["order", "cancelled"],
      ["followup-1", "cancelled"],
    ]);
    expect(await dbc().reminder.count({ where: { caseId: c.id, doneAt: null } })).toBe(0);
    await slack.waitFor(() => threadPosts(app, c).find((p) => String(p.args.text).includes("avbrøt saken")));

    // Buttons on the cancelled case answer politely and change nothing.
    const events = await caseEvents(c.id);
    for (const action of ["send_followup", "cancel_case", "customer_access_confirmed", "report_scope"]) {
      const r = await click(app, action, c.reference);
      expect(await answerTo(app, r.responseId)).toContain("Ingenting er endret");
    }
    expect(await caseEvents(c.id)).toBe(events);
    expect(await submit(app, "followup_send", c.reference, {})).toMatchObject({ response_action: "update" });
    expect(await dbc().outboxMessage.count({ where: { caseId: c.id } })).toBe(2);

    // The event log as CSV in the case thread.
    const exported = await click(app, "export_events", c.reference, "U0EVE");
    expect(await answerTo(app, exported.responseId)).toContain(c.reference);
    const complete = slack.callsOf("files.completeUploadExternal").at(-1)!;
    expect(complete.args.channel_id).toBe(caseChannel);
    expect(complete.args.thread_ts).toBe(c.threadTs);
    const files = complete.args.files as Array<{ id: string; title: string }>;
    expect(files[0]!.title).toBe(`${c.reference}-hendelser.csv`);
    const urlCall = slack.callsOf("files.getUploadURLExternal").at(-1)!;
    expect(urlCall.args.filename).toBe(`${c.reference}-hendelser.csv`);
    const csv = uploadedFile(slack.uploads.find((u) => u.id === files[0]!.id)!.content).replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("tidspunkt,tidspunkt_oslo,hendelse,utført_av,detaljer");
    const kinds = lines.slice(1).map((l) => l.split(",")[2]).filter((k) => !k?.startsWith("mail_"));
    expect(kinds).toEqual(["created", "stage:awaiting_brreg", "followup_queued", "stage:cancelled"]);
    const [at, atOslo, kind, actor, details] = parseCsvRecord(lines.at(-1)!);
    expect([at, atOslo, kind, actor]).toEqual([clock.toISOString(), "2027-09-06 10:00:00", "stage:cancelled", "U0BOB"]);
    expect(JSON.parse(details!)).toEqual({ from: "awaiting_brreg", to: "cancelled", reason: 'Kunden valgte "en annen", takk' });
    expect(lines.at(-1)).toContain('""reason"":""Kunden valgte \\""en annen\\"", takk""');
  });
});
