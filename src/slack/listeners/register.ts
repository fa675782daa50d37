import type { App, Middleware, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";

/**
 * Every action and view listener says at registration whether it only reads cases or changes
 * them. The permission middleware (slack/permissions.ts) refuses an action_id or callback_id that
 * no listener declared, and keeps non-members of SLACK_ALLOWED_USERGROUP from every "changes" one.
 */
export type Access = "reads" | "changes";

export interface ListenerRegistry {
  /** action_id → access */
  readonly actions: Map<string, Access>;
  /** callback_id → access */
  readonly views: Map<string, Access>;
}

const registries = new WeakMap<App, ListenerRegistry>();

/** The app's registry (created on first use). */
export function registryOf(app: App): ListenerRegistry {
  let registry = registries.get(app);
  if (!registry) {
    registry = { actions: new Map(), views: new Map() };
    registries.set(app, registry);
  }
  return registry;
}

function declare(map: Map<string, Access>, kind: string, id: string, access: Access): void {
  const known = map.get(id);
  if (known && known !== access) throw new Error(`${kind} ${id} declared both ${known} and ${access}`);
  map.set(id, access);
}

/** A block action (button) listener for exactly `actionId`. */
export function onAction(app: App, actionId: string, access: Access, handler: Middleware<SlackActionMiddlewareArgs>): void {
  declare(registryOf(app).actions, "action", actionId, access);
  app.action(actionId, handler);
}

/** A view_submission listener for exactly `callbackId`. */
export function onView(app: App, callbackId: string, access: Access, handler: Middleware<SlackViewMiddlewareArgs>): void {
  declare(registryOf(app).views, "view", callbackId, access);
  app.view(callbackId, handler);
}
