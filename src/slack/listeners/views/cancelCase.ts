import type { App } from "@slack/bolt";
import { actsIn, caseAction } from "../../../domain/caseActions.js";
import { stageLabel } from "../../../domain/stages.js";
import { advanceCase, findCase } from "../../../service/cases.js";
import type { Services } from "../../../service/services.js";
import { followupText } from "../../messages/followup.js";
import { cancelCallbackId, reasonField, reasonProblemText, reasonSchema, type ReasonProblem } from "../../views/cancelModal.js";
import { answer } from "../../respond.js";
import { referenceSchema } from "../button.js";
import { onSubmission } from "./onSubmission.js";
import { fieldOf } from "./viewSubmission.js";

/**
 * Cancelling with a reason, from any open stage. moveCase stops the open reminders and cancels
 * the case's queued outbox rows in the same transaction.
 */
export function registerCancelSubmission(app: App, svc: Services): void {
  const { rt } = svc;
  onSubmission(app, rt, cancelCallbackId, "changes", {
    unreadable: (error) => ({
      log: { level: "warn", message: `cancel submission in an unexpected shape: ${error.message}` },
      response: { response_action: "errors", errors: { [reasonField]: followupText[rt.config.locale].failed } },
    }),
    handle: async (s, client) => {
      const locale = rt.config.locale;
      const m = followupText[locale];
      const reason = reasonSchema.safeParse(fieldOf(s, reasonField)?.value ?? "");
      if (!reason.success) {
        const problem = (reason.error.issues[0]?.message ?? "tooShort") as ReasonProblem;
        return { response: { response_action: "errors", errors: { [reasonField]: reasonProblemText(problem, locale) } } };
      }
      const ref = referenceSchema.safeParse(s.view.private_metadata ?? "");
      const c = ref.success ? await findCase(svc, ref.data).catch(() => null) : null;
      if (!c) return { response: { response_action: "errors", errors: { [reasonField]: m.notFound(ref.data ?? "–") } } };
      if (!actsIn(caseAction("cancel_case"), c.stage)) {
        return { response: { response_action: "errors", errors: { [reasonField]: m.closedAlready(stageLabel[c.stage][locale]) } } };
      }
      return {
        after: async () => {
          try {
            const actor = s.user.id;
            const result = await advanceCase(svc, { reference: c.reference, to: "cancelled", actor, set: { closedReason: reason.data }, details: { reason: reason.data } });
            if (result.status === "stale") {
              await answer(rt, client, { userId: actor, c: result.case }, m.stale(c.reference, stageLabel[result.case.stage][locale]));
            }
          } catch (error) {
            rt.logger.error(`cancelling ${c.reference} failed: ${String(error)}`);
            await answer(rt, client, { userId: s.user.id, c: c }, m.failed);
          }
        },
      };
    },
  });
}
