import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { orderOfCase } from "../../../domain/caseRecord.js";
import { isFictitious } from "../../../domain/order.js";
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
 * A fictitious case offers «Ny sak med ekte kunde» instead. Contacts already erased
 * (RETENTION_DAYS) are asked for again, not prefilled with the marker.
 */
export function registerStartProduction(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("start_production"), async (ctx) => {
    const { c } = ctx;
    const tested = orderOfCase(c);
    if (isFictitious(tested)) {
      await answer(rt, ctx.client, { click: ctx.click }, productionText[rt.config.locale].needsRealCustomer(c.reference));
      return;
    }
    if (!startsProduction(c.stage, c.environment, c.route)) {
      await answer(rt, ctx.client, { click: ctx.click }, productionText[rt.config.locale].notAvailable(c.reference));
      return;
    }
    const started = await startedProduction(svc, c);
    if (started) {
      await answer(rt, ctx.client, { click: ctx.click }, productionText[rt.config.locale].alreadyStarted(c.reference, started.reference));
      return;
    }
    const { customer_access: _access, ...order } = tested;
    // The customer's access was confirmed for TT02; production asks again on step 3.
    const draft: OrderDraft = { ...withoutErased(order), environment: "production", origin: c.reference, route: "existing" };
    await openModal(rt, ctx, vendorStepView(rt.config.locale, draft));
  });

  // A fictitious case that works: production needs a real customer, so a new order with the
  // same vendor, from a customer (environment still to choose: TT02 first is the usual way).
  onCaseButton(app, svc, caseAction("new_real_customer"), async (ctx) => {
    const vendor = orderOfCase(ctx.c);
    const draft: OrderDraft = {
      vendor_orgnr: vendor.vendor_orgnr,
      vendor_name: vendor.vendor_name,
      vendor_contact_name: vendor.vendor_contact_name,
      vendor_contact_email: vendor.vendor_contact_email,
      vendor_contact_phone: vendor.vendor_contact_phone,
      route: "existing",
    };
    await openModal(rt, ctx, vendorStepView(rt.config.locale, draft));
  });
}
