import type { App } from "@slack/bolt";
import type { Services } from "../../service/services.js";
import { registerCancelCase } from "./actions/cancelCase.js";
import { registerCustomerAccessConfirmed } from "./actions/customerAccessConfirmed.js";
import { registerExportEvents } from "./actions/exportEvents.js";
import { registerReportScope } from "./actions/reportScope.js";
import { registerSendFollowup } from "./actions/sendFollowup.js";
import { registerSnooze } from "./actions/snooze.js";
import { registerCancelSubmission } from "./views/cancelCase.js";
import { registerFollowupSend } from "./views/followupSend.js";
import { registerScopeReport } from "./views/scopeReport.js";

/** The case buttons after intake, the reminders' buttons, and the scope, cancel and follow-up modals. */
export function registerFollowThrough(app: App, svc: Services): void {
  registerCustomerAccessConfirmed(app, svc);
  registerReportScope(app, svc);
  registerCancelCase(app, svc);
  registerSnooze(app, svc);
  registerSendFollowup(app, svc);
  registerExportEvents(app, svc);
  registerScopeReport(app, svc);
  registerCancelSubmission(app, svc);
  registerFollowupSend(app, svc);
}
