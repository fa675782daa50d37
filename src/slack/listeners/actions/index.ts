import type { App } from "@slack/bolt";
import type { Services } from "../../../service/services.js";
import { registerListePaging } from "../commands/liste.js";
import type { OrderIntake } from "../views/orderIntakeShared.js";
import { registerBrregConfirmed } from "./brregConfirmed.js";
import { registerCancelCase } from "./cancelCase.js";
import { registerCheckNow } from "./checkNow.js";
import { registerConfirmFictitious } from "./confirmFictitious.js";
import { registerCustomerAccessConfirmed } from "./customerAccessConfirmed.js";
import { registerExportActive } from "./exportActive.js";
import { registerExportEvents } from "./exportEvents.js";
import { registerHomeNewCase } from "./homeNewCase.js";
import { registerHomePaging } from "./homePaging.js";
import { registerLinkMail } from "./linkMail.js";
import { registerOrderBack } from "./orderBack.js";
import { registerReportScope } from "./reportScope.js";
import { registerRetryOrder } from "./retryOrder.js";
import { registerSendFollowup } from "./sendFollowup.js";
import { registerSendToCustomer } from "./sendToCustomer.js";
import { registerSnooze } from "./snooze.js";
import { registerStartProduction } from "./startProduction.js";
import { registerVerifyToken } from "./verifyToken.js";

/** What an action listener is registered with. */
export interface ActionDeps {
  svc: Services;
  /** the order modal's shared state (its Back button) */
  intake: OrderIntake;
}

/** Registers one action listener file's listeners. */
export type ActionListener = (app: App, deps: ActionDeps) => void;

/**
 * Every block action of the app. The case buttons' access and stages are their rows in the
 * case-action table (domain/caseActions.ts): a new case button is one row there and one listener
 * file here.
 */
export const actionListeners: readonly ActionListener[] = [
  (app, { svc }) => registerCustomerAccessConfirmed(app, svc),
  (app, { svc }) => registerBrregConfirmed(app, svc),
  (app, { svc }) => registerReportScope(app, svc),
  (app, { svc }) => registerCheckNow(app, svc),
  (app, { svc }) => registerCancelCase(app, svc),
  (app, { svc }) => registerStartProduction(app, svc),
  (app, { svc }) => registerConfirmFictitious(app, svc),
  (app, { svc }) => registerSendToCustomer(app, svc),
  (app, { svc }) => registerRetryOrder(app, svc),
  (app, { svc }) => registerVerifyToken(app, svc),
  (app, { svc }) => registerSendFollowup(app, svc),
  (app, { svc }) => registerExportEvents(app, svc),
  (app, { svc }) => registerSnooze(app, svc),
  (app, { svc }) => registerLinkMail(app, svc),
  (app, { svc }) => registerExportActive(app, svc),
  (app, { svc }) => registerHomeNewCase(app, svc),
  (app, { svc }) => registerHomePaging(app, svc),
  (app, { svc }) => registerListePaging(app, svc),
  (app, { intake }) => registerOrderBack(app, intake),
];

/** Registers every action listener (a test may pass the list with listeners of its own added). */
export function registerActions(app: App, deps: ActionDeps, listeners: readonly ActionListener[] = actionListeners): void {
  for (const register of listeners) register(app, deps);
}
