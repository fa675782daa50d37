import type { App } from "@slack/bolt";
import { actsIn, caseAction, fromStage } from "../../../domain/caseActions.js";
import { scopeSchema } from "../../../domain/scopes.js";
import { stageLabel } from "../../../domain/stages.js";
import { advanceCase, findCase } from "../../../service/cases.js";
import type { Services } from "../../../service/services.js";
import { reportedAfterDetection } from "../../../service/delegationPolling.js";
import { startTokenCheck } from "../../../service/verifyToken.js";
import { followupText } from "../../messages/followup.js";
import { scopeCallbackId, scopeField } from "../../views/scopeModal.js";
import { answer } from "../../respond.js";
import { referenceSchema } from "../button.js";
import { onSubmission } from "./onSubmission.js";
import { fieldOf } from "./viewSubmission.js";

/**
 * The scope report: an empty or unknown choice, or a case no longer waiting for the delegation,
 * gets a field error and changes nothing; otherwise the modal closes and the case is completed
 * with the summary of what the vendor's Maskinporten client needs. A report that comes after the
 * app's own poll found the delegation with another scope makes the thread say so.
 */
export function registerScopeReport(app: App, svc: Services): void {
  const { rt } = svc;
  // The scope modal is the second half of «Rapporter scope»: the same stage, the same move.
  const reportScope = caseAction("report_scope");
  onSubmission(app, rt, scopeCallbackId, "changes", {
    unreadable: (error) => ({
      log: { level: "warn", message: `scope report in an unexpected shape: ${error.message}` },
      response: { response_action: "errors", errors: { [scopeField]: followupText[rt.config.locale].failed } },
    }),
    handle: async (s, client) => {
      const m = followupText[rt.config.locale];
      const scope = scopeSchema.safeParse(fieldOf(s, scopeField)?.selected_option?.value);
      if (!scope.success) return { response: { response_action: "errors", errors: { [scopeField]: m.scopeRequired } } };
      const ref = referenceSchema.safeParse(s.view.private_metadata ?? "");
      const c = ref.success ? await findCase(svc, ref.data).catch(() => null) : null;
      if (!c) return { response: { response_action: "errors", errors: { [scopeField]: m.notFound(ref.data ?? "–") } } };
      if (!actsIn(reportScope, c.stage)) {
        return {
          response: { response_action: "errors", errors: { [scopeField]: m.movedAlready(stageLabel[c.stage][rt.config.locale]) } },
          // The app's poll may have found another scope than the one reported: the thread says so.
          after: async () => {
            await reportedAfterDetection(svc, c, scope.data).catch((error: unknown) => rt.logger.error(`scope check for ${c.reference} failed: ${String(error)}`));
          },
        };
      }
      return {
        after: async () => {
          try {
            const actor = s.user.id;
            const result = await advanceCase(
              svc,
              { reference: c.reference, to: "completed", from: fromStage(reportScope), actor, set: { scope: scope.data }, details: { scope: scope.data } },
              { kind: "completed", scope: scope.data, actor },
            );
            // Step 6's token check runs in the background, so the listener ends without waiting for it.
            if (result.status === "moved") startTokenCheck(svc, c.reference);
            if (result.status === "stale") {
              await reportedAfterDetection(svc, result.case, scope.data);
              await answer(rt, client, { userId: actor, c: result.case }, m.stale(c.reference, stageLabel[result.case.stage][rt.config.locale]));
            }
          } catch (error) {
            rt.logger.error(`scope report for ${c.reference} failed: ${String(error)}`);
            await answer(rt, client, { userId: s.user.id, c: c }, m.failed);
          }
        },
      };
    },
  });
}
