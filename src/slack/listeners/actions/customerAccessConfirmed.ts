import type { App } from "@slack/bolt";
import { stageLabel, type Stage } from "../../../domain/stages.js";
import { advanceCase, type Services } from "../../../service/cases.js";
import { followupText } from "../../messages/followup.js";
import { answerClick, onButton, referenceSchema } from "./followThroughReply.js";

/** "Kunden har fått tilgang": customer_access_pending → order_pending (moveCase queues the order email). */
export function registerCustomerAccessConfirmed(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    "customer_access_confirmed",
    async ({ click, value, client }) => {
      const ref = referenceSchema.safeParse(value);
      if (!ref.success) return answerClick(rt, client, click, m().notFound(value.slice(0, 20)));
      const result = await advanceCase(svc, { reference: ref.data, to: "order_pending", from: "customer_access_pending", actor: click.user.id });
      if (result.status === "not_found") return answerClick(rt, client, click, m().notFound(ref.data));
      if (result.status === "stale") {
        return answerClick(rt, client, click, m().stale(ref.data, stageLabel[result.case.stage as Stage][rt.config.locale]));
      }
    },
    () => m().failed,
  );
}
