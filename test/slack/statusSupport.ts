import type { Order } from "../../src/domain/order.js";
import { normalizeForSearch } from "../../src/domain/search.js";
import type { OpenStage, Stage } from "../../src/domain/stages.js";
import type { TestApp } from "../support/app.js";
import { caseChannel } from "../support/app.js";
import { openTestCase } from "../support/cases.js";
import type { ResponseUrlPost } from "../support/fakeSlack.js";

// Helpers shared by the status, liste, Home and permission tests (not a test file itself).

export const baseOrder: Order = {
  environment: "tt02",
  vendor_orgnr: "920012345",
  vendor_name: "Leverandør AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "kari@leverandor.no",
  vendor_contact_phone: "+4791234567",
  customer_orgnr: "812345672",
  customer_name: "Kunde & Sønn AS",
  customer_contact_name: "Ola Nordmann",
  customer_contact_email: "ola@kunde.no",
  customer_contact_phone: "+4740000000",
  customer_access: "confirmed",
};

/** A case made the way the app makes it (root message, thread, first event). */
export function newCase(app: TestApp, order: Partial<Order> = {}, owner = "U0ALICE", options: { waitForThread?: boolean } = {}) {
  return openTestCase(app, { ...baseOrder, ...order }, owner, options);
}

/** Many open cases at once, straight into the table (the name-token trigger still runs). */
export async function manyCases(
  app: TestApp,
  count: number,
  options: { stage?: OpenStage | Stage; owner?: string; name?: string; at?: (i: number) => Date; refBase?: number },
): Promise<string[]> {
  const refBase = options.refBase ?? 100_000 + Math.floor(Math.random() * 800_000);
  const refs = Array.from({ length: count }, (_, i) => `DLG-${refBase + i}`);
  const name = options.name ?? "Massesak AS";
  await app.app.runtime.db.case.createMany({
    data: refs.map((reference, i) => ({
      reference,
      workspaceId: "T0TEST",
      environment: "tt02",
      stage: options.stage ?? "awaiting_brreg",
      stageChangedAt: options.at?.(i) ?? new Date(Date.UTC(2026, 0, 1, 0, i)),
      vendorOrgnr: baseOrder.vendor_orgnr,
      vendorName: baseOrder.vendor_name,
      vendorContactName: baseOrder.vendor_contact_name,
      vendorContactEmail: baseOrder.vendor_contact_email,
      vendorContactPhone: baseOrder.vendor_contact_phone,
      customerOrgnr: "974760673",
      customerName: name,
      customerNameSearch: normalizeForSearch(name),
      customerContactName: "Ola",
      customerContactEmail: "ola@kunde.no",
      customerContactPhone: "+4740000000",
      customerAccess: "confirmed",
      ownerUserId: options.owner ?? "U0BULK",
      channelId: caseChannel,
    })),
  });
  return refs;
}

/** The next response_url post after `before`, as text for assertions. */
export async function nextResponse(app: TestApp, before: number): Promise<ResponseUrlPost & { text: string; blocks: Array<Record<string, unknown>> }> {
  const r = await app.slack.waitFor(() => app.slack.responses[before]);
  const blocks = (r.body.blocks as Array<Record<string, unknown>> | undefined) ?? [];
  return { ...r, blocks, text: JSON.stringify(r.body) };
}

/**
 * A signed slash command; resolves to its answer: the ack's body when the answer came in it
 * (`id` "ack"), else what it posted to its response_url.
 */
export async function ask(app: TestApp, text: string, user = "U0ALICE") {
  const before = app.slack.responses.length;
  const res = await app.command(text, { user });
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  const acked = await res.text();
  if (acked) {
    const body = JSON.parse(acked) as Record<string, unknown>;
    const blocks = (body.blocks as Array<Record<string, unknown>> | undefined) ?? [];
    return { id: "ack", body, blocks, text: acked };
  }
  return nextResponse(app, before);
}

/** A button click in a message, as Slack sends it. */
export function messageClick(app: TestApp, actionId: string, value: string, user = "U0ALICE") {
  return {
    type: "block_actions",
    team: { id: "T0TEST", domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: "T0TEST" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: `trigger.${Date.now()}`,
    response_url: app.slack.responseUrl(),
    container: { type: "message", message_ts: "1700000000.000100", channel_id: caseChannel, is_ephemeral: false },
    channel: { id: caseChannel, name: "saker" },
    message: { type: "message", ts: "1700000000.000100", text: "x" },
    actions: [{ type: "button", action_id: actionId, block_id: "b1", value, action_ts: `${Date.now() / 1000}` }],
  };
}

/** A button click on the Home tab (no channel, no response_url). */
export function homeClick(actionId: string, value: string | undefined, user = "U0ALICE") {
  return {
    type: "block_actions",
    team: { id: "T0TEST", domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: "T0TEST" },
    api_app_id: "A0APP",
    token: "legacy",
    trigger_id: `trigger.${Date.now()}`,
    container: { type: "view", view_id: "V0HOME" },
    view: { id: "V0HOME", type: "home", callback_id: "home", blocks: [] },
    actions: [{ type: "button", action_id: actionId, block_id: "b1", ...(value !== undefined ? { value } : {}), action_ts: `${Date.now() / 1000}` }],
  };
}
