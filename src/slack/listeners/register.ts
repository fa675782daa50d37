import type { App, Middleware, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { ActionAccess } from "../../domain/caseActions.js";

/**
 * Every action and view listener says at registration whether it only reads cases or changes
 * them, and so does every `/delegering` subcommand. The permission middleware
 * (slack/permissions.ts) refuses an action_id or callback_id that no listener declared, and keeps
 * non-members of SLACK_ALLOWED_USERGROUP from every "changes" one.
 */
export type Access = ActionAccess;

export interface ListenerRegistry {
  /** action_id → access */
  readonly actions: Map<string, Access>;
  /** callback_id → access */
  readonly views: Map<string, Access>;
  /** `/delegering` subcommand (each name it answers to) → access */
  readonly commands: Map<string, Access>;
}

interface Registration {
  readonly registry: ListenerRegistry;
  readonly actionHandlers: Map<string, Middleware<SlackActionMiddlewareArgs>>;
  readonly viewHandlers: Map<string, Middleware<SlackViewMiddlewareArgs>>;
}

const registrations = new WeakMap<App, Registration>();

/**
 * Bolt runs every listener's own middleware chain for every request it receives, so each
 * `app.action(id)` costs every slash command and every click something. The app therefore gives
 * Bolt one action listener and one view listener, which look the id up here.
 */
function registrationOf(app: App): Registration {
  let registration = registrations.get(app);
  if (!registration) {
    const made: Registration = { registry: { actions: new Map(), views: new Map(), commands: new Map() }, actionHandlers: new Map(), viewHandlers: new Map() };
    app.action(/.*/, async (args) => {
      const id = "action_id" in args.action ? args.action.action_id : undefined;
      const handler = id === undefined ? undefined : made.actionHandlers.get(id);
      // An id nobody registered never gets here: the permission middleware refused it first.
      if (handler) await handler(args);
    });
    app.view(/.*/, async (args) => {
      const handler = made.viewHandlers.get(args.view.callback_id);
      if (handler) await handler(args);
    });
    registrations.set(app, made);
    registration = made;
  }
  return registration;
}

/** The app's registry (created on first use). */
export function registryOf(app: App): ListenerRegistry {
  return registrationOf(app).registry;
}

function declare(map: Map<string, Access>, kind: string, id: string, access: Access): void {
  const known = map.get(id);
  if (known && known !== access) throw new Error(`${kind} ${id} declared both ${known} and ${access}`);
  map.set(id, access);
}

/** A block action (button) listener for exactly `actionId`. */
export function onAction(app: App, actionId: string, access: Access, handler: Middleware<SlackActionMiddlewareArgs>): void {
  const registration = registrationOf(app);
  if (registration.actionHandlers.has(actionId)) throw new Error(`action ${actionId} has a listener already`);
  declare(registration.registry.actions, "action", actionId, access);
  registration.actionHandlers.set(actionId, handler);
}

/** A view_submission listener for exactly `callbackId`. */
export function onView(app: App, callbackId: string, access: Access, handler: Middleware<SlackViewMiddlewareArgs>): void {
  const registration = registrationOf(app);
  if (registration.viewHandlers.has(callbackId)) throw new Error(`view ${callbackId} has a listener already`);
  declare(registration.registry.views, "view", callbackId, access);
  registration.viewHandlers.set(callbackId, handler);
}

/** A `/delegering` subcommand name (the command's one listener dispatches on it). */
export function declareSubcommand(app: App, name: string, access: Access): void {
  declare(registrationOf(app).registry.commands, "subcommand", name, access);
}
