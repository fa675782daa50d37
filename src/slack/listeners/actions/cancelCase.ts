import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import type { Services } from "../../../service/services.js";
import { cancelModal } from "../../views/cancelModal.js";
import { onCaseButton, openModal } from "../button.js";

/** "Avbryt saken": asks for a reason, from any open stage. */
export function registerCancelCase(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("cancel_case"), (ctx) => openModal(rt, ctx, cancelModal(ctx.c, rt.config.locale)));
}
