import type { TestApp } from "../support/app.js";
import { teamId } from "../support/app.js";
import type { FakeSlack } from "../support/fakeSlack.js";

// Drives the order modal the way Slack does: it keeps the view Slack would show, submits its
// inputs (prefilled values unless the test types others), and follows response_action "update"
// and later views.update calls.

export type View = Record<string, unknown> & { blocks?: Array<Record<string, unknown>>; callback_id?: string; private_metadata?: string };
type Block = Record<string, unknown>;

export interface Submitted {
  status: number;
  /** the ack's JSON body ({} for an empty ack) */
  body: Record<string, unknown>;
}

export const vendor = {
  environment: "tt02",
  vendor_orgnr: "920 012 345",
  vendor_name: "Fjorddata Systemer AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "Kari@Fjorddata.no",
  vendor_contact_phone: "912 34 567",
};

export const customer = {
  customer_orgnr: "812345672",
  customer_name: "Nordlys Regnskap og Revisjon AS",
  customer_contact_name: "Ola Nordmann",
  customer_contact_email: "ola@nordlys.no",
  customer_contact_phone: "0047 48 12 34 56",
};

export class OrderModal {
  view: View = {};
  id = "";
  hash = "h0";
  /** every view body Slack got from us for this modal, acks included */
  readonly shown: View[] = [];
  private updatesSeen = 0;
  private lastSubmission: Record<string, unknown> | undefined;

  constructor(
    private readonly app: TestApp,
    private readonly slack: FakeSlack,
    readonly user = "U0ALICE",
    /** a second FakeSlack that checks every view the acks carry against Slack's limits */
    private readonly validator?: FakeSlack,
  ) {}

  /**
   * `/delegering ny` (or `new`), then the views.open that follows. The order modal asks the route
   * first: the driver answers it with `route` (null: stays on the question).
   */
  async open(subcommand = "ny", route: "existing" | "fictitious" | null = "existing"): Promise<View> {
    const before = this.slack.callsOf("views.open").length;
    const res = await this.app.command(subcommand, { user: this.user });
    if (res.status !== 200) throw new Error(`command answered ${res.status}`);
    const call = await this.slack.waitFor(() => this.slack.callsOf("views.open")[before]);
    if (call.response.ok !== true) throw new Error(`views.open refused: ${JSON.stringify(call.response)}`);
    this.id = String((call.response.view as Record<string, unknown>).id);
    this.hash = String((call.response.view as Record<string, unknown>).hash);
    this.setView(call.args.view as View);
    this.updatesSeen = this.updates().length;
    if (this.view.callback_id === "order_route" && route) this.expectUpdate(await this.submit({ route }), "order_vendor");
    return this.view;
  }

  /** The current view's input blocks with what the user would submit: `typed` over prefilled. */
  state(typed: Record<string, string | null> = {}): Record<string, Record<string, Record<string, unknown>>> {
    const values: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const block of this.view.blocks ?? []) {
      if (block.type !== "input") continue;
      const id = String(block.block_id);
      const el = block.element as Block;
      const actionId = String(el.action_id);
      if (el.type === "radio_buttons" || el.type === "static_select") {
        const initial = (el.initial_option as Block | undefined)?.value as string | undefined;
        const value = id in typed ? typed[id] : initial;
        const option = (el.options as Block[]).find((o) => o.value === value);
        values[id] = { [actionId]: { type: el.type, selected_option: value == null ? null : (option ?? { value }) } };
      } else if (el.type === "file_input") {
        // A typed value is the id of a file in FakeSlack.files, as if the user had picked it.
        const fileId = typed[id];
        values[id] = { [actionId]: { type: el.type, files: fileId ? [{ id: fileId, name: `${fileId}.csv` }] : [] } };
      } else {
        const value = id in typed ? typed[id] : ((el.initial_value as string | undefined) ?? null);
        values[id] = { [actionId]: { type: el.type, value: value === "" ? null : value } };
      }
    }
    return values;
  }

  private payloadView(typed: Record<string, string | null>): Record<string, unknown> {
    return {
      ...this.view,
      id: this.id,
      team_id: teamId,
      root_view_id: this.id,
      previous_view_id: null,
      app_id: "A0APP",
      hash: this.hash,
      state: { values: this.state(typed) },
    };
  }

  /** Submits the current step; follows response_action "update". */
  async submit(typed: Record<string, string | null> = {}): Promise<Submitted> {
    this.lastSubmission = {
      type: "view_submission",
      team: { id: teamId, domain: "test" },
      user: { id: this.user, name: "alice", team_id: teamId },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: `trigger.${Date.now()}`,
      view: this.payloadView(typed),
    };
    return this.post(this.lastSubmission);
  }

  /** Delivers the last submission again, byte for byte (a double click, Slack's retry). */
  resubmit(): Promise<Submitted> {
    if (!this.lastSubmission) throw new Error("nothing submitted yet");
    return this.post(this.lastSubmission);
  }

  private async post(payload: Record<string, unknown>): Promise<Submitted> {
    const res = await this.app.interact(payload);
    const text = await res.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (body.response_action === "update") {
      this.hash = this.slack.viewUpdatedByAck(this.id);
      if (this.validator) await checkView(this.validator, body.view as View);
      this.setView(body.view as View);
      this.updatesSeen = this.updates().length;
    }
    return { status: res.status, body };
  }

  /** Presses Back (with whatever is typed on the current step) and waits for views.update. */
  async back(typed: Record<string, string | null> = {}): Promise<View> {
    const call = await this.pressBack(typed);
    if (call.response.ok !== true) throw new Error(`views.update refused: ${JSON.stringify(call.response)}`);
    this.updatesSeen = this.updates().length;
    this.hash = String((call.response.view as Record<string, unknown>).hash);
    this.setView(call.args.view as View);
    return this.view;
  }

  /** Presses Back as the view stood with `hash` (the current one unless given); resolves to the views.update it caused, refused or not. */
  async pressBack(typed: Record<string, string | null> = {}, hash = this.hash) {
    const before = this.updates().length;
    const res = await this.app.interact({
      type: "block_actions",
      team: { id: teamId, domain: "test" },
      user: { id: this.user, name: "alice", team_id: teamId },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: `trigger.${Date.now()}`,
      container: { type: "view", view_id: this.id },
      view: { ...this.payloadView(typed), hash },
      actions: [{ type: "button", action_id: "order_back", block_id: "order_nav", value: "back", action_ts: `${Date.now() / 1000}` }],
    });
    if (res.status !== 200) throw new Error(`Back answered ${res.status}`);
    return this.slack.waitFor(() => this.updates()[before]);
  }

  /** The views.update calls for this modal, in order. */
  updates() {
    return this.slack.callsOf("views.update").filter((c) => c.args.view_id === this.id);
  }

  /** Waits for the next views.update of this modal (a finished register check, the created case). */
  async nextUpdate(timeoutMs?: number): Promise<View> {
    const seen = this.updatesSeen;
    const call = await this.slack.waitFor(() => this.updates()[seen], timeoutMs);
    if (call.response.ok !== true) throw new Error(`views.update refused: ${JSON.stringify(call.response)}`);
    this.updatesSeen = seen + 1;
    this.hash = String((call.response.view as Record<string, unknown>).hash);
    this.setView(call.args.view as View);
    return this.view;
  }

  /** The review once every register answer is in (it may update itself after the ack). */
  async finalReview(): Promise<View> {
    while (text(this.view).includes(checkingMarker)) await this.nextUpdate();
    return this.view;
  }

  /** Steps 1–3 with the given values, ending on the review. */
  async fillAll(values: { vendor?: Record<string, string | null>; customer?: Record<string, string | null>; access?: string } = {}): Promise<View> {
    this.expectUpdate(await this.submit({ ...vendor, ...values.vendor }), "order_customer");
    this.expectUpdate(await this.submit({ ...customer, ...values.customer }), "order_access");
    this.expectUpdate(await this.submit({ customer_access: values.access ?? "confirmed" }), "order_review");
    return this.view;
  }

  private expectUpdate(s: Submitted, callbackId: string): void {
    if (s.status !== 200 || s.body.response_action !== "update" || (s.body.view as View).callback_id !== callbackId) {
      throw new Error(`expected an update to ${callbackId}, got ${s.status} ${JSON.stringify(s.body).slice(0, 500)}`);
    }
  }

  private setView(view: View): void {
    this.view = view;
    this.shown.push(view);
  }
}

export const checkingMarker = "sjekker registeret";

/** All mrkdwn/plain text of a view, for contains-assertions. */
export function text(view: unknown): string {
  return JSON.stringify(view) ?? "";
}

/** The input values a view shows (initial_value / initial_option), keyed by block_id. */
export function shownValues(view: View): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== "input") continue;
    const el = block.element as Block;
    out[String(block.block_id)] = (el.initial_value as string | undefined) ?? ((el.initial_option as Block | undefined)?.value as string | undefined);
  }
  return out;
}

/** Views in acks never reach the Web API stand-in; this puts one through its checks. */
export async function checkView(validator: FakeSlack, view: View): Promise<void> {
  const res = await fetch(`${validator.url}views.update`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ view_id: "VCHECK", view }),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (answer.ok !== true) throw new Error(`Slack would refuse this view: ${JSON.stringify(answer)}`);
}
