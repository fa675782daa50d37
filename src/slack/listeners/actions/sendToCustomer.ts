import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { stageLabel } from "../../../domain/stages.js";
import { customerMailKindFor, draftCustomerMail } from "../../../service/customerMail.js";
import type { Services } from "../../../service/services.js";
import { customerMailText } from "../../messages/customerMail.js";
import { customerMailModal, sendToCustomerActionId } from "../../views/customerMailModal.js";
import { answer } from "../../respond.js";
import { onCaseButton, openModal } from "../button.js";

/**
 * «Send til kunden» next to a text for the customer: the modal with the e-mail as it will go out.
 * One button serves both texts; the case's stage decides which (none: a polite answer).
 */
export function registerSendToCustomer(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction(sendToCustomerActionId), async (ctx) => {
    const locale = rt.config.locale;
    const kind = customerMailKindFor(ctx.c.stage, ctx.c.route);
    if (!kind) return answer(rt, ctx.client, { click: ctx.click }, customerMailText[locale].nothingToSend(ctx.c.reference, stageLabel[ctx.c.stage][locale]));
    const draft = draftCustomerMail(svc, ctx.c, kind, ctx.c.customerContactEmail);
    await openModal(rt, ctx, customerMailModal(ctx.c, draft, locale));
  });
}
