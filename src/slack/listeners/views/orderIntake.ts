import type { App } from "@slack/bolt";
import { isFictitious } from "../../../domain/order.js";
import type { Services } from "../../../service/services.js";
import { isChecking, reviewStepView, type RegisterView } from "../../views/orderModalReview.js";
import { sessionOf } from "./viewSubmission.js";
import { OrderRegisterChecks } from "../../../service/registerChecks.js";
import { registerOrderReview } from "./orderReview.js";
import { registerOrderSteps } from "./orderStep.js";
import type { OrderIntake } from "./orderIntakeShared.js";
import { localizeErrors } from "./submission.js";

/**
 * The order modal: the route and steps 1–3 (orderStep.ts) and Send (orderReview.ts). Its Back
 * button (actions/orderBack.ts) is registered with every action, with the intake returned here.
 */
export function registerOrderIntake(app: App, svc: Services): OrderIntake {
  const { rt } = svc;
  const locale = rt.config.locale;
  const checks = new OrderRegisterChecks(rt.config.enhetsregisteret);
  const intake: OrderIntake = {
    svc,
    checks,
    review(view, order, draft, error) {
      const session = sessionOf(view);
      const vendor: RegisterView = checks.peek(session, order.vendor_orgnr) ?? "checking";
      const customer: RegisterView | null = isFictitious(order) ? null : (checks.peek(session, order.customer_orgnr) ?? "checking");
      const cc = rt.config.mail.ccVendorContact ? [order.vendor_contact_email] : [];
      const shown = reviewStepView(locale, { order, draft, vendor, customer, mail: { to: rt.config.mail.brregOrderEmail, cc, preview: !rt.config.mail.smtpUrl }, error });
      return { view: shown, checking: isChecking({ vendor, customer }) };
    },
    localize: (errors) => localizeErrors(errors, locale),
  };
  registerOrderSteps(app, intake);
  registerOrderReview(app, intake);
  return intake;
}
