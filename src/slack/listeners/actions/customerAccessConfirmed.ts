import type { App } from "@slack/bolt";
import { caseAction, fromStage } from "../../../domain/caseActions.js";
import { advanceCase } from "../../../service/cases.js";
import type { Services } from "../../../service/services.js";
import { answerStale, onCaseButton } from "../button.js";

/** "Kunden har fått tilgang": customer_access_pending → order_pending (moveCase queues the order email). */
export function registerCustomerAccessConfirmed(app: App, svc: Services): void {
  const action = caseAction("customer_access_confirmed");
  onCaseButton(app, svc, action, async (ctx) => {
    const result = await advanceCase(svc, { reference: ctx.c.reference, to: "order_pending", from: fromStage(action), actor: ctx.click.user.id });
    if (result.status === "stale") await answerStale(svc.rt, ctx, result.case);
  });
}
