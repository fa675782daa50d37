import type { AnyMiddlewareArgs, App, Middleware, RespondFn } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { Runtime } from "../runtime.js";
import { within } from "../within.js";
import { permissionText } from "./messages/permissions.js";

// With SLACK_ALLOWED_USERGROUP set, only the group's members create, change or cancel cases;
// anyone in the workspace may still read (status, liste, App Home). One global middleware
// decides, so a new listener that changes cases only has to be named in these lists.

/** `/delegering` subcommands that create a case. */
export const changeSubcommands: readonly string[] = ["ny", "new", "import", "bulk"];

/** Block actions (buttons) that create or change a case. Read-only buttons (paging, export) are not here. */
export const changeActionIds: readonly string[] = [
  "customer_access_confirmed",
  "brreg_confirmed",
  "report_scope",
  "cancel_case",
  "retry_order",
  "link_mail",
  "home_new_case",
  "home_import",
  "start_production",
  "send_followup",
  "snooze_day",
  "snooze_week",
  "verify_token",
];

/** Modal submissions whose callback_id starts with one of these create or change a case. */
export const changeCallbackPrefixes: readonly string[] = ["order", "import", "scope", "cancel", "link_mail", "followup"];

/**
 * How long a request waits for Slack's member list before it goes on with the list it has: the
 * check runs before the ack, and Slack wants the ack within 3 seconds.
 */
const lookupWaitMs = 1500;

/** Who may change cases: members of the configured user group, looked up and cached. */
export class UsergroupGate {
  private members: Set<string> | undefined;
  private fetchedAt = 0;
  private inflight: Promise<Set<string> | undefined> | undefined;

  constructor(
    private readonly rt: Runtime,
    private readonly client: App["client"],
  ) {}

  get enabled(): boolean {
    return Boolean(this.rt.config.slack.allowedUsergroup);
  }

  /** true/false, or "unknown" when Slack could not be asked and nothing is cached. */
  async allows(userId: string): Promise<boolean | "unknown"> {
    const group = this.rt.config.slack.allowedUsergroup;
    if (!group) return true;
    const fresh = this.members && this.rt.now().getTime() - this.fetchedAt < this.rt.config.slack.usergroupCacheSeconds * 1000;
    if (!fresh) {
      // One lookup at a time: a burst of clicks after expiry shares it. A slow one goes on in
      // the background and fills the cache when it answers.
      this.inflight ??= this.fetch(group)
        .catch((error: unknown) => {
          // A stale list beats refusing everyone while Slack hiccups.
          this.rt.logger.error(`usergroups.users.list for ${group} failed: ${String(error)}`);
          return undefined;
        })
        .finally(() => {
          this.inflight = undefined;
        });
      const answer = await within(this.inflight, lookupWaitMs, "late" as const);
      if (answer === "late") this.rt.logger.warn(`usergroups.users.list for ${group} is slow: going on with ${this.members ? "the cached list" : "no list"}`);
    }
    return this.members ? this.members.has(userId) : "unknown";
  }

  private async fetch(group: string): Promise<Set<string>> {
    const res = await this.client.usergroups.users.list({ usergroup: group });
    const members = new Set(res.users ?? []);
    this.members = members;
    this.fetchedAt = this.rt.now().getTime();
    return members;
  }
}

const commandBody = z.object({ command: z.string(), text: z.string().optional(), user_id: z.string() });
const actionsBody = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string() }),
  actions: z.array(z.object({ action_id: z.string() })),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});
const viewBody = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string() }),
  view: z.object({
    callback_id: z.string(),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() })).optional(),
  }),
});

type Request =
  | { kind: "command"; userId: string }
  | { kind: "action"; userId: string; body: z.infer<typeof actionsBody> }
  | { kind: "view"; userId: string; body: z.infer<typeof viewBody> };

/** The request if it changes cases, else null. */
export function changeRequest(body: unknown): Request | null {
  const command = commandBody.safeParse(body);
  if (command.success) {
    const sub = (command.data.text ?? "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    return changeSubcommands.includes(sub) ? { kind: "command", userId: command.data.user_id } : null;
  }
  const actions = actionsBody.safeParse(body);
  if (actions.success) {
    return actions.data.actions.some((a) => changeActionIds.includes(a.action_id)) ? { kind: "action", userId: actions.data.user.id, body: actions.data } : null;
  }
  const view = viewBody.safeParse(body);
  if (view.success) {
    const id = view.data.view.callback_id;
    return changeCallbackPrefixes.some((p) => id.startsWith(p)) ? { kind: "view", userId: view.data.user.id, body: view.data } : null;
  }
  return null;
}

type Ack = (response?: unknown) => Promise<void>;

function refusalModal(rt: Runtime, text: string): ModalView {
  const m = permissionText[rt.config.locale];
  return { type: "modal", title: { type: "plain_text", text: m.title }, close: { type: "plain_text", text: m.close }, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** Tells the user no, as the kind of request allows: ephemeral, modal error, or a small modal. */
async function refuse(rt: Runtime, args: AnyMiddlewareArgs & { client: App["client"] }, request: Request, text: string): Promise<void> {
  const { ack, respond } = args as unknown as { ack?: Ack; respond?: RespondFn };
  if (request.kind === "view") {
    const input = request.body.view.blocks?.find((b) => b.type === "input" && b.block_id);
    await ack?.(
      input?.block_id
        ? { response_action: "errors", errors: { [input.block_id]: text.slice(0, 2000) } }
        : { response_action: "update", view: refusalModal(rt, text) },
    );
    return;
  }
  await ack?.();
  if (request.kind === "command") {
    await respond?.({ response_type: "ephemeral", text });
    return;
  }
  // A button in a message answers in the channel; one on the Home tab has no channel: a modal.
  if (request.body.response_url && respond) {
    await respond({ response_type: "ephemeral", replace_original: false, text });
  } else if (request.body.trigger_id) {
    await args.client.views.open({ trigger_id: request.body.trigger_id, view: refusalModal(rt, text) });
  } else {
    await args.client.chat.postMessage({ channel: request.userId, text });
  }
}

/** The one global middleware that keeps non-members from changing cases. */
export function permissionMiddleware(rt: Runtime, gate: UsergroupGate): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!gate.enabled) return args.next();
    const request = changeRequest(args.body);
    if (!request) return args.next();
    const allowed = await gate.allows(request.userId);
    if (allowed === true) return args.next();
    const m = permissionText[rt.config.locale];
    rt.logger.info(`refused ${request.kind} from ${request.userId}: not in ${rt.config.slack.allowedUsergroup ?? "the user group"}`);
    try {
      await refuse(rt, args, request, allowed === "unknown" ? m.unchecked : m.refused);
    } catch (error) {
      rt.logger.error(`could not tell ${request.userId} about the refusal: ${String(error)}`);
    }
  };
}
