import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { fictitiousProposal } from "../../../service/fictitious.js";
import type { Services } from "../../../service/services.js";
import { fictitiousText } from "../../messages/fictitious.js";
import { answer } from "../../respond.js";
import { confirmFictitiousId, fictitiousModal } from "../../views/fictitiousModal.js";
import { onCaseButton, openModal, type CaseClickContext } from "../button.js";

/** The confirmation modal of a fictitious case, prefilled with the latest proposal from Brreg's reply. */
export async function openFictitiousModal(svc: Services, ctx: CaseClickContext): Promise<void> {
  const { rt } = svc;
  if (ctx.c.route !== "fictitious") return answer(rt, ctx.client, { click: ctx.click }, fictitiousText[rt.config.locale].notFictitious(ctx.c.reference));
  // The trigger lives 3 s: one quick read, then open.
  const proposal = await fictitiousProposal(svc, ctx.c);
  await openModal(rt, ctx, fictitiousModal(ctx.c, proposal, rt.config.locale));
}

/** «Bekreft fiktiv virksomhet» in the thread, while the case waits for Brreg. */
export function registerConfirmFictitious(app: App, svc: Services): void {
  onCaseButton(app, svc, caseAction(confirmFictitiousId), (ctx) => openFictitiousModal(svc, ctx));
}
