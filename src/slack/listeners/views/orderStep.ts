import type { App } from "@slack/bolt";
import { isFictitious } from "../../../domain/order.js";
import { submitRoute, submitStep } from "../../intake/wizard.js";
import { intakeText } from "../../messages/intake.js";
import { fieldsOf, inputSteps, inputStepView, orderCallbackIds, type InputStep } from "../../views/orderModal.js";
import { decodeDraft } from "../../views/orderModalDraft.js";
import { onWizardStep } from "./onSubmission.js";
import type { OrderIntake } from "./orderIntakeShared.js";
import { reviewWithLateAnswers, type Outcome } from "./submission.js";
import { readField, readFields, sessionOf, type ViewSubmission } from "./viewSubmission.js";

// The review waits this long for lookups still under way before it shows "checking the
// register …" and updates itself later: well inside Slack's 3 s, long enough to spare most
// users the flicker.
const reviewWaitMs = 600;

/** The route and steps 1–3 of the order modal: parse → wizard → the next view (the review after the route's last step). */
export function registerOrderSteps(app: App, intake: OrderIntake): void {
  const { svc, checks } = intake;
  const { rt } = svc;
  const locale = rt.config.locale;

  async function submit(step: InputStep, payload: ViewSubmission, client: App["client"]): Promise<Outcome> {
    const session = sessionOf(payload.view);
    const draft = decodeDraft(payload.view.private_metadata);
    const result = submitStep(step, draft, readFields(payload.view, fieldsOf(step, draft.route)));
    if (result.kind === "errors") return { response: { response_action: "errors", errors: intake.localize(result.errors) } };
    // Start the register lookups now so that the review usually finds them done.
    if (step === "vendor" && result.draft.vendor_orgnr) void checks.start(session, result.draft.vendor_orgnr);
    if (step === "customer" && result.draft.customer_orgnr) void checks.start(session, result.draft.customer_orgnr);
    if (result.kind === "next") {
      checks.bump(session);
      return { response: { response_action: "update", view: inputStepView(result.step, locale, result.draft) } };
    }
    const { order } = result;
    const orgnrs = isFictitious(order) ? [order.vendor_orgnr] : [order.vendor_orgnr, order.customer_orgnr];
    return reviewWithLateAnswers({
      rt,
      client,
      viewId: payload.view.id,
      checks,
      session,
      lookups: Promise.all(orgnrs.map((orgnr) => checks.start(session, orgnr))),
      waitMs: reviewWaitMs,
      render: () => intake.review(payload.view, order, result.draft),
      what: "the register check",
    });
  }

  // The route comes first: it decides which steps follow.
  onWizardStep(app, rt, orderCallbackIds.route, { modal: "order modal", step: "route" }, (payload) => {
    const result = submitRoute(decodeDraft(payload.view.private_metadata), readField(payload.view, "route"));
    checks.bump(sessionOf(payload.view));
    return { response: result.kind === "errors" ? { response_action: "errors", errors: intake.localize(result.errors) } : { response_action: "update", view: inputStepView(result.step, locale, result.draft) } };
  });

  for (const step of inputSteps) {
    onWizardStep(
      app,
      rt,
      orderCallbackIds[step],
      { modal: "order modal", step },
      (payload, client) => submit(step, payload, client),
      // Keep the modal and what was typed: point at the step's first field.
      (payload) => ({ response_action: "errors", errors: { [fieldsOf(step, decodeDraft(payload.view.private_metadata).route)[0]!]: intakeText[locale].sendFailed } }),
    );
  }
}
