import type { App } from "@slack/bolt";
import { isOpen, stageLabel, type Stage } from "../../../domain/stages.js";
import type { Services } from "../../../service/cases.js";
import { findCase } from "../../../store/cases.js";
import { followupText } from "../../messages/followup.js";
import { cancelModal } from "../../views/cancelModal.js";
import { answerClick, onButton, referenceSchema } from "./followThroughReply.js";

/** "Avbryt saken": asks for a reason, from any open stage. */
export function registerCancelCase(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    "cancel_case",
    async ({ click, value, client }) => {
      const ref = referenceSchema.safeParse(value);
      const c = ref.success ? await findCase(rt.db, ref.data) : null;
      if (!c) return answerClick(rt, client, click, m().notFound(value.slice(0, 20)));
      if (!isOpen(c.stage as Stage)) {
        return answerClick(rt, client, click, m().stale(c.reference, stageLabel[c.stage as Stage][rt.config.locale]));
      }
      if (!click.trigger_id) return answerClick(rt, client, click, m().failed);
      await client.views.open({ trigger_id: click.trigger_id, view: cancelModal(c, rt.config.locale) });
    },
    () => m().failed,
  );
}
