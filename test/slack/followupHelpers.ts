import type { CaseRecord } from "../../src/domain/caseRecord.js";
import type { Order } from "../../src/domain/order.js";
import type { Stage } from "../../src/domain/stages.js";
import { advanceCase } from "../../src/service/cases.js";
import { order } from "../domain/fixtures.js";
import { caseChannel, teamId, type TestApp } from "../support/app.js";
import { noticesSettled, openTestCase, reloadCase } from "../support/cases.js";

export { reloadCase as freshCase };

let seq = 0;

/** A case made through the real service (as the order modal does), owned by U0OWNER. */
export async function newCase(app: TestApp, access: Order["customer_access"]): Promise<CaseRecord> {
  const c = await openTestCase(app, { ...order, customer_access: access }, "U0OWNER");
  return reloadCase(app, c.reference);
}

const path: Stage[] = ["customer_access_pending", "order_pending", "awaiting_brreg", "awaiting_delegation", "completed"];

/**
 * Walks a case forward to `to` through the service. A step someone else took first (the outbox
 * worker sends the order and moves it to awaiting_brreg) is fine: the case only has to get there.
 */
export async function moveTo(app: TestApp, reference: string, to: Stage): Promise<CaseRecord> {
  for (;;) {
    const c = await reloadCase(app, reference);
    const at = path.indexOf(c.stage);
    if (c.stage === to) return c;
    const next = path[at + 1];
    if (at < 0 || !next || path.indexOf(to) < at) throw new Error(`${reference} is at ${c.stage}, cannot reach ${to}`);
    await advanceCase(app.app.services, { reference, to: next, from: c.stage, actor: next === "awaiting_brreg" ? "mail" : "U0OWNER" });
  }
}

/** A button click as Slack sends it (block_actions from a message in the case channel; `messageTs`: which one, when the app is to update it). */
export async function click(app: TestApp, actionId: string, value: string, user = "U0BOB", messageTs = "1.000001"): Promise<{ responseId: string; status: number }> {
  const responseUrl = app.slack.responseUrl();
  const res = await app.interact({
    type: "block_actions",
    token: "legacy",
    api_app_id: "A0APP",
    team: { id: teamId, domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: teamId },
    trigger_id: `trigger.${Date.now()}.${++seq}`,
    channel: { id: caseChannel, name: "saker" },
    container: { type: "message", channel_id: caseChannel, message_ts: messageTs, is_ephemeral: false },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: `${Date.now() / 1000}` }],
  });
  return { responseId: responseUrl.split("/").at(-1)!, status: res.status };
}

/** A modal submission; resolves to the ack's JSON body ({} for a plain ack). */
export async function submit(
  app: TestApp,
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, Record<string, unknown>>>,
  user = "U0BOB",
  /** the modal's id: the same for a second submission of one modal (a double click, Slack's retry) */
  viewId = `V${++seq}`,
): Promise<Record<string, unknown>> {
  const res = await app.interact({
    type: "view_submission",
    token: "legacy",
    api_app_id: "A0APP",
    team: { id: teamId, domain: "test" },
    user: { id: user, username: user.toLowerCase(), team_id: teamId },
    trigger_id: `trigger.${Date.now()}.${++seq}`,
    view: {
      id: viewId,
      type: "modal",
      team_id: teamId,
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: "h",
    },
  });
  if (res.status !== 200) throw new Error(`submission answered ${res.status}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The ephemeral answer posted to a click's response_url. */
export async function answerTo(app: TestApp, responseId: string): Promise<string> {
  const r = await app.slack.waitFor(() => app.slack.responses.find((x) => x.id === responseId));
  const text = r.body.text;
  return typeof text === "string" ? text : "";
}

/** Thread posts of a case (chat.postMessage with its thread_ts). */
export function threadPosts(app: TestApp, c: Pick<CaseRecord, "threadTs">) {
  return app.slack.callsOf("chat.postMessage").filter((x) => c.threadTs && x.args.thread_ts === c.threadTs);
}

/** The case's root message as Slack holds it now (its latest update applied), once the notices owed are posted. */
export async function rootMessage(app: TestApp, reference: string) {
  await noticesSettled(app);
  const c = await reloadCase(app, reference);
  const root = app.slack.messages.find((m) => m.channel === c.channelId && m.ts === c.threadTs);
  if (!root) throw new Error(`no root message of ${reference} in Slack`);
  return root;
}

export function reminderPosts(app: TestApp, c: Pick<CaseRecord, "threadTs">) {
  return threadPosts(app, c).filter((x) => /Påminnelse|Reminder/.test(String(x.args.text)));
}

/** Polls a condition, sync or async (the app works after its ack); fails after 10 s. */
export async function until<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = "condition"): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function untilStage(app: TestApp, reference: string, stage: Stage): Promise<CaseRecord> {
  return until(async () => {
    const c = await reloadCase(app, reference);
    return c.stage === stage ? c : null;
  }, `${reference} at ${stage}`);
}

/** The file inside an upload the fake recorded (the Web API client posts it as multipart form data). */
export function uploadedFile(raw: string): string {
  if (!raw.startsWith("--")) return raw;
  const boundary = raw.slice(0, raw.indexOf("\r\n"));
  const part = raw.split(boundary).find((p) => /filename=/.test(p.slice(0, p.indexOf("\r\n\r\n")))) ?? raw.split(boundary)[1] ?? "";
  return part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "");
}

/** RFC 4180 reading of one CSV record (quoted fields, doubled quotes), to check the export round-trips. */
export function parseCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (line[i] === ",") i++;
    else break;
  }
  return fields;
}
