import type { App } from "@slack/bolt";
import { isFictitious } from "../../../domain/order.js";
import { submitRoute, submitStep } from "../../intake/wizard.js";
import { intakeText } from "../../messages/intake.js";
import { fieldsOf, inputSteps, inputStepView, orderCallbackIds, type InputStep } from "../../views/orderModal.js";
import { decodeDraft } from "../../views/orderModalDraft.js";
import { onView } from "../register.js";
import type { OrderIntake } from "./orderIntakeShared.js";
import { reviewWithLateAnswers, type Outcome } from "./submission.js";
import { readField, readFields, sessionOf, viewSubmissionSchema, type ViewSubmission } from "./viewSubmission.js";

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
  onView(app, orderCallbackIds.route, "changes", async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      rt.logger.error(`order modal: unreadable route submission: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      await ack();
      return;
    }
    const result = submitRoute(decodeDraft(parsed.data.view.private_metadata), readField(parsed.data.view, "route"));
    checks.bump(sessionOf(parsed.data.view));
    await ack(result.kind === "errors" ? { response_action: "errors", errors: intake.localize(result.errors) } : { response_action: "update", view: inputStepView(result.step, locale, result.draft) });
  });

  for (const step of inputSteps) {
    onView(app, orderCallbackIds[step], "changes", async ({ ack, body, client }) => {
      const parsed = viewSubmissionSchema.safeParse(body);
      if (!parsed.success) {
        rt.logger.error(`order modal: unreadable ${step} submission: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
        await ack();
        return;
      }
      let outcome: Outcome;
      try {
        outcome = await submit(step, parsed.data, client);
      } catch (error) {
        // Keep the modal and what was typed: point at the step's first field.
        rt.logger.error(`order modal: ${step} step failed: ${String(error)}`);
        await ack({ response_action: "errors", errors: { [fieldsOf(step, decodeDraft(parsed.data.view.private_metadata).route)[0]!]: intakeText[locale].sendFailed } });
        return;
      }
      await ack(outcome.response);
      if (outcome.after) await outcome.after().catch((error: unknown) => rt.logger.error(`order modal: after ${step}: ${String(error)}`));
    });
  }
}
