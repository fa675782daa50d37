import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import type { Services } from "../../../service/services.js";
import { retryFailedMail } from "../../../service/followThrough.js";
import { outboxText } from "../../messages/outbox.js";
import { answer } from "../../respond.js";
import { onCaseButton } from "../button.js";

/** "Prøv igjen" under a failed email: queues the case's failed emails again and wakes the outbox. */
export function registerRetryOrder(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("retry_order"), async ({ c, click, client }) => {
    const m = outboxText[rt.config.locale];
    const count = await retryFailedMail(svc, c.reference, click.user.id);
    if (!count) return answer(rt, client, { click }, m.nothingToRetry(c.reference));
    await answer(rt, client, { click }, m.requeued);
  });
}
