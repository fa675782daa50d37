import type { App } from "@slack/bolt";
import type { Services } from "../../../service/cases.js";
import { requeueFailed } from "../../../store/outbox.js";
import { outboxText } from "../../messages/outbox.js";
import { answerClick, onButton, referenceSchema } from "./followThroughReply.js";

/** "Prøv igjen" under a failed email: queues the case's failed emails again and wakes the outbox. */
export function registerRetryOrder(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => outboxText[rt.config.locale];
  onButton(
    app,
    rt,
    "retry_order",
    async ({ click, value, client }) => {
      const ref = referenceSchema.safeParse(value);
      if (!ref.success) return answerClick(rt, client, click, m().notFound(value.slice(0, 20)));
      const result = await requeueFailed(rt.db, ref.data, click.user.id, rt.now());
      if (!result) return answerClick(rt, client, click, m().notFound(ref.data));
      if (result.count === 0) return answerClick(rt, client, click, m().nothingToRetry(ref.data));
      rt.signals.emit("outbox");
      await answerClick(rt, client, click, m().requeued);
    },
    () => m().failed,
  );
}
