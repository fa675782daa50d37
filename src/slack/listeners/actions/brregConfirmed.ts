import type { App } from "@slack/bolt";
import { advanceCase, type Services } from "../../../service/cases.js";
import { answerStale, onCaseButton } from "../button.js";

/**
 * "Brreg har bekreftet": the move the mailbox watcher makes, by hand (Brreg's reply came
 * outside the watched mailbox, or mail is not wired). The clicker is the actor in the log.
 */
export function registerBrregConfirmed(app: App, svc: Services): void {
  onCaseButton(app, svc.rt, "brreg_confirmed", (stage) => stage === "awaiting_brreg", async (ctx) => {
    const actor = ctx.click.user.id;
    const result = await advanceCase(
      svc,
      { reference: ctx.c.reference, to: "awaiting_delegation", from: "awaiting_brreg", actor, details: { via: "button" } },
      { kind: "brreg_confirmed", loginSentTo: [], viaMail: false, actor },
    );
    if (result.status === "stale") await answerStale(svc.rt, ctx, result.case);
  });
}
