import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import type { Services } from "../../../service/services.js";
import { previewFollowUp } from "../../../service/followThrough.js";
import { followupText } from "../../messages/followup.js";
import { followThroughActions } from "../../views/followThrough.js";
import { followupModal } from "../../views/followupModal.js";
import { answer } from "../../respond.js";
import { onCaseButton, openModal } from "../button.js";

/** "Skriv purring til Brreg" (offered by awaiting_brreg reminders): shows the drafted email with Send. */
export function registerSendFollowup(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction(followThroughActions.sendFollowup), async (ctx) => {
    const draft = await previewFollowUp(svc, ctx.c);
    if (!draft) return answer(rt, ctx.client, { click: ctx.click }, followupText[rt.config.locale].followupNoOrder(ctx.c.reference));
    await openModal(rt, ctx, followupModal(ctx.c, draft, rt.config.locale));
  });
}
