import type { App } from "@slack/bolt";
import type { AnyOrder } from "../../../domain/order.js";
import { customerAccessText } from "../../../service/customerMail.js";
import { placeOrder, type PlacedOrder } from "../../../service/orders.js";
import { threadsWhenPosted } from "../../caseThreads.js";
import { orderOf, previousStep } from "../../intake/wizard.js";
import { intakeText } from "../../messages/intake.js";
import { escapeMrkdwn } from "../../mrkdwn.js";
import { dm, permalink } from "../../respond.js";
import { doneView, inputStepView, orderCallbackIds, sendingView } from "../../views/orderModal.js";
import { decodeDraft, type OrderDraft } from "../../views/orderModalDraft.js";
import { onWizardStep } from "./onSubmission.js";
import type { OrderIntake } from "./orderIntakeShared.js";
import type { Outcome } from "./submission.js";
import { sessionOf, workspaceOf, type ViewSubmission } from "./viewSubmission.js";
import { updateView } from "./updateView.js";

/** How long the done view waits for the case's root message before it shows without the thread's link. */
const rootWaitMs = 5000;

/** Send on the review (step 4): the case is created after the ack; the modal then shows it. */
export function registerOrderReview(app: App, intake: OrderIntake): void {
  const { svc, checks } = intake;
  const { rt } = svc;
  const locale = rt.config.locale;
  const m = intakeText[locale];

  function send(payload: ViewSubmission, client: App["client"]): Outcome {
    const draft = decodeDraft(payload.view.private_metadata);
    const session = sessionOf(payload.view);
    checks.bump(session);
    const whole = orderOf(draft);
    if (whole.kind === "next") return { response: { response_action: "update", view: inputStepView(whole.step, locale, whole.draft) } };
    return { response: { response_action: "update", view: sendingView(locale) }, after: () => create(payload, whole.order, draft, client) };
  }

  async function create(payload: ViewSubmission, order: AnyOrder, draft: OrderDraft, client: App["client"]): Promise<void> {
    const session = sessionOf(payload.view);
    const workspaceId = workspaceOf(payload);
    const userId = payload.user.id;
    // The sending view (shown by the ack) has no button but Close: nothing newer can replace it,
    // and Slack never tells the app the hash a response_action gave it, so these updates go
    // without one.
    const target = { id: payload.view.id };
    let placed: PlacedOrder;
    try {
      // The view id is the same for every delivery of this submission (a double click,
      // Slack's retry), so they all find one case.
      placed = await placeOrder(svc, { order, workspaceId, ownerUserId: userId, creationKey: `order:${workspaceId}:${session}`, origin: draft.origin });
    } catch (error) {
      rt.logger.error(`could not create the case from order modal ${session}: ${String(error)}`);
      await updateView(rt, client, target, intake.review(payload.view, order, draft, m.sendFailed).view, "the failed Send");
      return;
    }
    const { case: c } = placed;
    // The root message is the notice worker's to post (woken as the case committed): the done
    // view waits a moment for it, for the link; without it by then, the thread follows later.
    const thread = (await threadsWhenPosted(svc, [c.id], rootWaitMs)).get(c.id);
    const noThread = !thread;
    const link = await permalink(client, thread);
    const customer = c.route === "fictitious" ? m.fictitiousCustomer : escapeMrkdwn(c.customerName);
    if (placed.created) {
      await dm(client, userId, { text: [m.dm(c.reference, customer), ...(link ? [m.threadLink(link)] : [])].join("\n") }).catch((error: unknown) =>
        rt.logger.warn(`could not DM ${userId} about ${c.reference}: ${String(error)}`),
      );
    }
    const lines = [
      m.done(c.reference, customer),
      c.stage === "customer_access_pending" ? m.donePending : rt.config.mail.smtpUrl ? m.doneQueued : m.donePreview,
      ...(link ? [m.threadLink(link)] : []),
      ...(noThread ? [m.noThread(rt.config.slack.caseChannel)] : []),
    ];
    // Without a thread the text for the customer went nowhere: it is shown here instead.
    const forward =
      noThread && c.stage === "customer_access_pending"
        ? { text: customerAccessText(rt, c), reference: c.reference }
        : undefined;
    // The user may have closed the modal; the DM and the thread still tell them.
    await updateView(rt, client, target, doneView(locale, lines, forward), "the created case", "debug");
  }

  onWizardStep(app, rt, orderCallbackIds.review, { modal: "order modal", step: "review" }, send, (payload) => {
    // Keep the modal and what was typed: back to the route's last step.
    const draft = decodeDraft(payload.view.private_metadata);
    return { response_action: "update", view: inputStepView(previousStep("review", draft) ?? "vendor", locale, draft) };
  });
}
