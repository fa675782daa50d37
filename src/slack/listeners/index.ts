import type { App } from "@slack/bolt";
import type { Services } from "../../service/cases.js";
import { registerRetryOrder } from "./actions/retryOrder.js";
import { registerDelegeringCommand } from "./commands/delegering.js";
import { registerFollowThrough } from "./followThrough.js";

/** Every listener of the app; each feature registers its own here. */
export function registerListeners(app: App, svc: Services): void {
  registerDelegeringCommand(app, svc);
  registerFollowThrough(app, svc);
  registerRetryOrder(app, svc);
}
