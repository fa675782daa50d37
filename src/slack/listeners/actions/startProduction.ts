import type { App } from "@slack/bolt";
import { orderOfCase } from "../../../domain/caseRecord.js";
import { withoutErased } from "../../../domain/personalData.js";
import { startsProduction } from "../../../domain/stages.js";
import { startedProduction } from "../../../service/production.js";
import type { Services } from "../../../service/services.js";
import { productionText } from "../../messages/production.js";
import { vendorStepView } from "../../views/orderModal.js";
import type { OrderDraft } from "../../views/orderModalDraft.js";
import { answer } from "../../respond.js";
import { onCaseButton, openModal } from "../button.js";

/**
 * «Start produksjon» on a TT02 case that works: the order modal, prefilled with the same vendor,
 * customer and contacts and environment production, carrying the TT02 case so Send links the two.
 * Contacts already erased (RETENTION_DAYS) are asked for again, not prefilled with the marker.
 */
export function registerStartProduction(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, "start_production", "changes", undefined, async (ctx) => {
    const { c } = ctx;
    if (!startsProduction(c.stage, c.environment)) {
      await answer(rt, ctx.client, { click: ctx.click }, productionText[rt.config.locale].notAvailable(c.reference));
      return;
    }
    const started = await startedProduction(svc, c);
    if (started) {
      await answer(rt, ctx.client, { click: ctx.click }, productionText[rt.config.locale].alreadyStarted(c.reference, started.reference));
      return;
    }
    const { customer_access: _access, ...order } = orderOfCase(c);
    // The customer's access was confirmed for TT02; production asks again on step 3.
    const draft: OrderDraft = { ...withoutErased(order), environment: "production", origin: c.reference };
    await openModal(rt, ctx, vendorStepView(rt.config.locale, draft));
  });
}
