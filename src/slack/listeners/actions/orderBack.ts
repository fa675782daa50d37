import type { App } from "@slack/bolt";
import { back, stepOfCallback } from "../../intake/wizard.js";
import { backActionId, inputStepView, stepFields } from "../../views/orderModal.js";
import { decodeDraft } from "../../views/orderModalDraft.js";
import { onAction } from "../register.js";
import type { OrderIntake } from "../views/orderIntakeShared.js";
import { readFields, sessionOf, viewSubmissionSchema } from "../views/viewSubmission.js";
import { updateView } from "../views/updateView.js";

/**
 * Back on steps 1–4: the previous step with what was typed kept. It changes no case (the
 * permission middleware lets anyone press it). The click carries the view as shown, hash
 * included, so the update never overwrites a newer step.
 */
export function registerOrderBack(app: App, intake: OrderIntake): void {
  const { svc, checks } = intake;
  const { rt } = svc;
  onAction(app, backActionId, "reads", async ({ ack, body, client }) => {
    await ack();
    const parsed = viewSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      rt.logger.error("order modal: unreadable Back click");
      return;
    }
    const { view } = parsed.data;
    const step = stepOfCallback(view.callback_id);
    const previous = step ? back(step, decodeDraft(view.private_metadata), step === "review" || step === "route" ? {} : readFields(view, stepFields[step])) : null;
    if (!previous) return;
    checks.bump(sessionOf(view));
    await updateView(rt, client, view, inputStepView(previous.step, rt.config.locale, previous.draft), "the previous step");
  });
}
