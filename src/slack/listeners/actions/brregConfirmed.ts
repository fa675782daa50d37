import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { confirmFromBrreg } from "../../../service/brregConfirmation.js";
import type { Services } from "../../../service/services.js";
import { answerStale, onCaseButton } from "../button.js";
import { openFictitiousModal } from "./confirmFictitious.js";

/**
 * "Brreg har bekreftet": the move the mailbox watcher makes, by hand (Brreg's reply came
 * outside the watched mailbox, or mail is not wired). The clicker is the actor in the log. A
 * fictitious case moves only with its fictitious company: the button opens its confirmation.
 */
export function registerBrregConfirmed(app: App, svc: Services): void {
  onCaseButton(app, svc, caseAction("brreg_confirmed"), async (ctx) => {
    if (ctx.c.route === "fictitious") return openFictitiousModal(svc, ctx);
    const result = await confirmFromBrreg(svc, ctx.c, { kind: "button", actor: ctx.click.user.id });
    if (result.status === "stale") await answerStale(svc.rt, ctx, result.case);
  });
}
