import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import type { Services } from "../../../service/services.js";
import { scopeModal } from "../../views/scopeModal.js";
import { onCaseButton, openModal } from "../button.js";

/** "Rapporter scope": opens the scope modal while the case waits for the delegation. */
export function registerReportScope(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("report_scope"), (ctx) => openModal(rt, ctx, scopeModal(ctx.c, rt.config.locale)));
}
