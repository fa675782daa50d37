import type { App } from "@slack/bolt";
import type { Services } from "../../../service/cases.js";
import { requeueFailed } from "../../../store/outbox.js";
import { outboxText } from "../../messages/outbox.js";
import { answerClick, onCaseButton } from "../button.js";

/** "Prøv igjen" under a failed email: queues the case's failed emails again and wakes the outbox. */
export function registerRetryOrder(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, rt, "retry_order", undefined, async ({ c, click, client }) => {
    const m = outboxText[rt.config.locale];
    const result = await requeueFailed(rt.db, c.reference, click.user.id, rt.now());
    if (!result || result.count === 0) return answerClick(rt, client, click, m.nothingToRetry(c.reference));
    rt.signals.emit("outbox");
    await answerClick(rt, client, click, m.requeued);
  });
}
