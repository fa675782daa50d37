import type { App, webApi } from "@slack/bolt";
import type { Services } from "../../service/services.js";
import { GuestCheck, permissionMiddleware, UsergroupGate } from "../permissions.js";
import { actionListeners, registerActions, type ActionListener } from "./actions/index.js";
import { registerDelegeringCommand } from "./commands/delegering.js";
import { registryOf } from "./register.js";
import { registerAppHome } from "./events/appHome.js";
import { registerMemberJoined } from "./events/memberJoined.js";
import { registerCancelSubmission } from "./views/cancelCase.js";
import { registerCustomerMailSubmission } from "./views/customerMail.js";
import { registerFictitiousConfirm } from "./views/fictitiousConfirm.js";
import { registerFollowupSend } from "./views/followupSend.js";
import { registerLinkMailSubmission } from "./views/linkMail.js";
import { registerImportIntake } from "./views/importIntake.js";
import { registerOrderIntake } from "./views/orderIntake.js";
import { registerScopeReport } from "./views/scopeReport.js";

/**
 * Every listener of the app: the command, the view submissions and events here, every block
 * action in actions/index.ts (`actions`: that list, or a test's with its own added).
 */
export function registerListeners(app: App, svc: Services, client: webApi.WebClient, actions: readonly ActionListener[] = actionListeners): void {
  // First: global middleware runs before every listener, so no change slips past it.
  app.use(permissionMiddleware(svc.rt, new UsergroupGate(svc.rt, client), new GuestCheck(svc.rt, client), registryOf(app)));
  registerDelegeringCommand(app, svc);
  const intake = registerOrderIntake(app, svc);
  registerImportIntake(app, svc);
  registerAppHome(app, svc);
  registerMemberJoined(app, svc);
  registerScopeReport(app, svc);
  registerCancelSubmission(app, svc);
  registerFollowupSend(app, svc);
  registerLinkMailSubmission(app, svc);
  registerCustomerMailSubmission(app, svc);
  registerFictitiousConfirm(app, svc);
  registerActions(app, { svc, intake }, actions);
}
