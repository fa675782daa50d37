import type { App } from "@slack/bolt";
import type { Runtime } from "../../runtime.js";
import { registerDelegeringCommand } from "./commands/delegering.js";

/** Every listener of the app; each feature registers its own here. */
export function registerListeners(app: App, rt: Runtime): void {
  registerDelegeringCommand(app, rt);
}
