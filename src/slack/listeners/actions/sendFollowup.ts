import type { App } from "@slack/bolt";
import { stageLabel, type Stage } from "../../../domain/stages.js";
import type { Services } from "../../../service/cases.js";
import { previewFollowUp } from "../../../service/followThrough.js";
import { findCase } from "../../../store/cases.js";
import { followupText } from "../../messages/followup.js";
import { followThroughActions } from "../../views/followThrough.js";
import { followupModal } from "../../views/followupModal.js";
import { answerClick, onButton, referenceSchema } from "./followThroughReply.js";

/** "Skriv purring til Brreg" (offered by awaiting_brreg reminders): shows the drafted email with Send. */
export function registerSendFollowup(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    followThroughActions.sendFollowup,
    async ({ click, value, client }) => {
      const ref = referenceSchema.safeParse(value);
      const c = ref.success ? await findCase(rt.db, ref.data) : null;
      if (!c) return answerClick(rt, client, click, m().notFound(value.slice(0, 20)));
      if (c.stage !== "awaiting_brreg") {
        return answerClick(rt, client, click, m().stale(c.reference, stageLabel[c.stage as Stage][rt.config.locale]));
      }
      const draft = await previewFollowUp(svc, c);
      if (!draft) return answerClick(rt, client, click, m().followupNoOrder(c.reference));
      if (!click.trigger_id) return answerClick(rt, client, click, m().failed);
      await client.views.open({ trigger_id: click.trigger_id, view: followupModal(c, draft, rt.config.locale) });
    },
    () => m().failed,
  );
}
