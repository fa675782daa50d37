import type { AnyMiddlewareArgs, App, Middleware, RespondFn } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import type { Runtime } from "../runtime.js";
import { CachedLookup } from "./cachedLookup.js";
import type { ListenerRegistry, Access } from "./listeners/register.js";
import { permissionText } from "./messages/permissions.js";

// Workspace guests never create, change or cancel cases, send mail or export; with
// SLACK_ALLOWED_USERGROUP set, only the group's members do. Anyone in the workspace may still read
// (status, liste, App Home). One global middleware decides. Deny by default: every action and
// view listener declares at registration whether it reads or changes cases
// (listeners/register.ts); a request for an id nobody declared is refused.

/** Who may change cases: members of the configured user group, looked up and cached. */
export class UsergroupGate {
  private readonly lookup: CachedLookup<Set<string>>;

  constructor(
    private readonly rt: Runtime,
    client: App["client"],
  ) {
    this.lookup = new CachedLookup(rt, {
      ttlMs: rt.config.slack.usergroupCacheSeconds * 1000,
      describe: (group) => `usergroups.users.list for ${group}`,
      fetch: async (group) => new Set((await client.usergroups.users.list({ usergroup: group })).users ?? []),
    });
  }

  /** true/false, or "unknown" when Slack could not be asked and nothing is cached. */
  async allows(userId: string): Promise<boolean | "unknown"> {
    const group = this.rt.config.slack.allowedUsergroup;
    if (!group) return true;
    const members = await this.lookup.get(group);
    return members ? members.has(userId) : "unknown";
  }
}

// users.info as the check reads it. Both flags are required: an answer without them says nothing
// about the person, and deny by default takes that as "could not check".
const userInfo = z.object({ user: z.object({ id: z.string(), is_restricted: z.boolean(), is_ultra_restricted: z.boolean() }) });

/**
 * Whether a person is a workspace guest (multi-channel: is_restricted; single-channel:
 * is_ultra_restricted), by users.info, cached per person as long as the group's member list.
 * Guests never change cases, send mail or export, whatever SLACK_ALLOWED_USERGROUP says.
 */
export class GuestCheck {
  private readonly lookup: CachedLookup<boolean>;

  constructor(rt: Runtime, client: App["client"]) {
    this.lookup = new CachedLookup(rt, {
      ttlMs: rt.config.slack.usergroupCacheSeconds * 1000,
      describe: (userId) => `users.info for ${userId}`,
      fetch: async (userId) => {
        const res = await client.users.info({ user: userId }).catch((error: unknown) => {
          if (error instanceof Error && error.message.includes("missing_scope")) throw new Error(`${error.message}: add users:read to the app's bot scopes (manifest.yml) and reinstall it`);
          throw error;
        });
        const { user } = userInfo.parse(res);
        if (user.id !== userId) throw new Error(`answered for ${user.id}`);
        return user.is_restricted || user.is_ultra_restricted;
      },
      // One entry per person who changed something within the cache time: a workspace's worth.
      maxEntries: 10_000,
    });
  }

  /** true/false, or "unknown" when Slack could not be asked and nothing is cached. */
  async isGuest(userId: string): Promise<boolean | "unknown"> {
    return (await this.lookup.get(userId)) ?? "unknown";
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
  | { kind: "command"; userId: string; id: string; access: Access }
  | { kind: "action"; userId: string; id: string; access: Access | "undeclared"; body: z.infer<typeof actionsBody> }
  | { kind: "view"; userId: string; id: string; access: Access | "undeclared"; body: z.infer<typeof viewBody> };

/**
 * What a request is and whether it reads or changes cases, by the listeners' declarations; an
 * action_id or callback_id nobody declared is "undeclared". null: not a command, block action or
 * submission (events, view_closed …).
 */
export function classifyRequest(body: unknown, registry: ListenerRegistry): Request | null {
  const command = commandBody.safeParse(body);
  if (command.success) {
    const sub = (command.data.text ?? "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
    return { kind: "command", userId: command.data.user_id, id: sub, access: registry.commands.get(sub) ?? "reads" };
  }
  const actions = actionsBody.safeParse(body);
  if (actions.success) {
    const ids = actions.data.actions.map((a) => a.action_id);
    const undeclared = ids.find((id) => !registry.actions.has(id));
    const changing = ids.find((id) => registry.actions.get(id) === "changes");
    const access = undeclared !== undefined ? "undeclared" : changing !== undefined ? "changes" : "reads";
    return { kind: "action", userId: actions.data.user.id, id: undeclared ?? changing ?? ids[0] ?? "", access, body: actions.data };
  }
  const view = viewBody.safeParse(body);
  if (view.success) {
    const id = view.data.view.callback_id;
    return { kind: "view", userId: view.data.user.id, id, access: registry.views.get(id) ?? "undeclared", body: view.data };
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

/** Why a change is refused, or null when it may go on. */
type Refusal = "guest" | "guest_unchecked" | "not_member" | "member_unchecked";

async function refusalOf(guests: GuestCheck, gate: UsergroupGate, userId: string): Promise<Refusal | null> {
  // Both lookups at once: together they must still fit in the ack's 3 seconds.
  const [guest, member] = await Promise.all([guests.isGuest(userId), gate.allows(userId)]);
  if (guest === true) return "guest";
  if (member === false) return "not_member";
  if (guest === "unknown") return "guest_unchecked";
  if (member === "unknown") return "member_unchecked";
  return null;
}

/**
 * The one global middleware that refuses undeclared listeners, and keeps workspace guests and
 * (with a group configured) non-members from changing cases.
 */
export function permissionMiddleware(rt: Runtime, gate: UsergroupGate, guests: GuestCheck, registry: ListenerRegistry): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const request = classifyRequest(args.body, registry);
    if (!request) return args.next();
    if (request.access === "undeclared") {
      // No listener said whether it reads or changes cases: nothing runs.
      rt.logger.warn(`refused ${request.kind} ${request.id} from ${request.userId}: no listener declared it`);
      const { ack } = args as unknown as { ack?: Ack };
      await ack?.().catch((error: unknown) => rt.logger.error(`could not ack ${request.id}: ${String(error)}`));
      return;
    }
    if (request.access === "reads") return args.next();
    const refusal = await refusalOf(guests, gate, request.userId);
    if (refusal === null) return args.next();
    const m = permissionText[rt.config.locale];
    const why = { guest: "a workspace guest", guest_unchecked: "could not check whether a guest", not_member: `not in ${rt.config.slack.allowedUsergroup ?? "the user group"}`, member_unchecked: "could not check the user group" }[refusal];
    rt.logger.info(`refused ${request.kind} ${request.id} from ${request.userId}: ${why}`);
    const text = { guest: m.guest, guest_unchecked: m.guestUnchecked, not_member: m.refused, member_unchecked: m.unchecked }[refusal];
    try {
      await refuse(rt, args, request, text);
    } catch (error) {
      rt.logger.error(`could not tell ${request.userId} about the refusal: ${String(error)}`);
    }
  };
}
