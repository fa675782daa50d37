import type { App, webApi } from "@slack/bolt";
import type { Services } from "../../service/services.js";
import { GuestCheck, permissionMiddleware, UsergroupGate } from "../permissions.js";
import { registerBrregConfirmed } from "./actions/brregConfirmed.js";
import { registerConfirmFictitious } from "./actions/confirmFictitious.js";
import { registerCheckNow } from "./actions/checkNow.js";
import { registerExportActive } from "./actions/exportActive.js";
import { registerHomeNewCase } from "./actions/homeNewCase.js";
import { registerLinkMail } from "./actions/linkMail.js";
import { registerRetryOrder } from "./actions/retryOrder.js";
import { registerSendToCustomer } from "./actions/sendToCustomer.js";
import { registerStartProduction } from "./actions/startProduction.js";
import { registerVerifyToken } from "./actions/verifyToken.js";
import { registerListePaging } from "./commands/liste.js";
import { registerDelegeringCommand } from "./commands/delegering.js";
import { registryOf } from "./register.js";
import { registerAppHome } from "./events/appHome.js";
import { registerMemberJoined } from "./events/memberJoined.js";
import { registerFollowThrough } from "./followThrough.js";
import { registerCustomerMailSubmission } from "./views/customerMail.js";
import { registerFictitiousConfirm } from "./views/fictitiousConfirm.js";
import { registerLinkMailSubmission } from "./views/linkMail.js";
import { registerImportIntake } from "./views/importIntake.js";
import { registerOrderIntake } from "./views/orderIntake.js";

/** Every listener of the app; each feature registers its own here. */
export function registerListeners(app: App, svc: Services, client: webApi.WebClient): void {
  // First: global middleware runs before every listener, so no change slips past it.
  app.use(permissionMiddleware(svc.rt, new UsergroupGate(svc.rt, client), new GuestCheck(svc.rt, client), registryOf(app)));
  registerDelegeringCommand(app, svc);
  registerFollowThrough(app, svc);
  registerRetryOrder(app, svc);
  registerOrderIntake(app, svc);
  registerImportIntake(app, svc);
  registerListePaging(app, svc);
  registerAppHome(app, svc);
  registerMemberJoined(app, svc);
  registerHomeNewCase(app, svc);
  registerBrregConfirmed(app, svc);
  registerLinkMail(app, svc);
  registerLinkMailSubmission(app, svc);
  registerVerifyToken(app, svc);
  registerSendToCustomer(app, svc);
  registerCustomerMailSubmission(app, svc);
  registerStartProduction(app, svc);
  registerConfirmFictitious(app, svc);
  registerFictitiousConfirm(app, svc);
  registerCheckNow(app, svc);
  registerExportActive(app, svc);
}
