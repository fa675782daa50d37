import type { App } from "@slack/bolt";
import { actsIn, caseAction } from "../../../domain/caseActions.js";
import { fictitiousCompanySchema } from "../../../domain/fictitiousCompany.js";
import { validateFields } from "../../../domain/order.js";
import { stageLabel } from "../../../domain/stages.js";
import { findCase } from "../../../service/cases.js";
import { confirmFictitious } from "../../../service/fictitious.js";
import type { Services } from "../../../service/services.js";
import { fictitiousText } from "../../messages/fictitious.js";
import { followupText } from "../../messages/followup.js";
import { answer } from "../../respond.js";
import { confirmFictitiousId, fictitiousOrgnrField } from "../../views/fictitiousModal.js";
import { referenceSchema } from "../button.js";
import { issuePaths, onSubmission } from "./onSubmission.js";
import { localizeErrors } from "./submission.js";
import { fieldOf } from "./viewSubmission.js";

/**
 * The fictitious company confirmed: a field error for a bad org number (or the vendor's own) or
 * no scope, or a case that no longer waits for Brreg, and nothing changes; otherwise the modal
 * closes and the case waits for the vendor's own delegation (the owner's DM says how).
 */
export function registerFictitiousConfirm(app: App, svc: Services): void {
  const { rt } = svc;
  onSubmission(app, rt, confirmFictitiousId, "changes", {
    unreadable: (error) => ({
      log: { level: "warn", message: `fictitious company confirmation in an unexpected shape: ${issuePaths(error)}` },
      response: { response_action: "errors", errors: { [fictitiousOrgnrField]: followupText[rt.config.locale].failed } },
    }),
    handle: async (s, client) => {
      const locale = rt.config.locale;
      const m = followupText[locale];
      const ref = referenceSchema.safeParse(s.view.private_metadata ?? "");
      const c = ref.success ? await findCase(svc, ref.data).catch(() => null) : null;
      if (!c) return { response: { response_action: "errors", errors: { [fictitiousOrgnrField]: m.notFound(ref.data ?? "–") } } };
      if (c.route !== "fictitious") {
        return { response: { response_action: "errors", errors: { [fictitiousOrgnrField]: fictitiousText[locale].notFictitious(c.reference) } } };
      }
      const fields = validateFields(fictitiousCompanySchema(c.vendorOrgnr), {
        fictitious_orgnr: fieldOf(s, fictitiousOrgnrField)?.value ?? null,
        scope: fieldOf(s, "scope")?.selected_option?.value ?? null,
      });
      if (!fields.ok) return { response: { response_action: "errors", errors: localizeErrors(fields.errors, locale) } };
      if (!actsIn(caseAction(confirmFictitiousId), c.stage)) {
        return { response: { response_action: "errors", errors: { [fictitiousOrgnrField]: m.movedAlready(stageLabel[c.stage][locale]) } } };
      }
      return {
        after: async () => {
          const actor = s.user.id;
          try {
            const result = await confirmFictitious(svc, { reference: c.reference, orgnr: fields.value.fictitious_orgnr, scope: fields.value.scope, actor });
            if (result.status === "stale") await answer(rt, client, { userId: actor, c: result.case }, m.stale(c.reference, stageLabel[result.case.stage][locale]));
          } catch (error) {
            rt.logger.error(`confirming the fictitious company of ${c.reference} failed: ${String(error)}`);
            await answer(rt, client, { userId: actor, c }, m.failed);
          }
        },
      };
    },
  });
}
