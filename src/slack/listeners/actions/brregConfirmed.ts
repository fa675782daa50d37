import type { App } from "@slack/bolt";
import { stageLabel, type Stage } from "../../../domain/stages.js";
import { advanceCase, type Services } from "../../../service/cases.js";
import { followupText } from "../../messages/followup.js";
import { answerClick, onButton, referenceSchema } from "./followThroughReply.js";

/**
 * "Brreg har bekreftet": the move the mailbox watcher makes, by hand (Brreg's reply came
 * outside the watched mailbox, or mail is not wired). The clicker is the actor in the log.
 */
export function registerBrregConfirmed(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  onButton(
    app,
    rt,
    "brreg_confirmed",
    async ({ click, value, client }) => {
      const ref = referenceSchema.safeParse(value);
      if (!ref.success) return answerClick(rt, client, click, m().notFound(value.slice(0, 20)));
      const actor = click.user.id;
      const result = await advanceCase(
        svc,
        { reference: ref.data, to: "awaiting_delegation", from: "awaiting_brreg", actor, details: { via: "button" } },
        { kind: "brreg_confirmed", loginSentTo: [], viaMail: false, actor },
      );
      if (result.status === "not_found") return answerClick(rt, client, click, m().notFound(ref.data));
      if (result.status === "stale") {
        return answerClick(rt, client, click, m().stale(ref.data, stageLabel[result.case.stage as Stage][rt.config.locale]));
      }
    },
    () => m().failed,
  );
}
