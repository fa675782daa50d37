import type { App } from "@slack/bolt";
import { vendorProfile } from "../../../service/queries.js";
import type { Services } from "../../../service/services.js";
import { intakeText } from "../../messages/intake.js";
import { routeStepView } from "../../views/orderModal.js";
import type { OrderDraft } from "../../views/orderModalDraft.js";
import type { Subcommand } from "./subcommand.js";

/** The vendor's fields from the workspace's saved profile, or an empty draft. */
export async function vendorDraft(svc: Services, workspaceId: string): Promise<OrderDraft> {
  const profile = await vendorProfile(svc, workspaceId);
  return profile
    ? {
        vendor_orgnr: profile.orgnr,
        vendor_name: profile.name,
        vendor_contact_name: profile.contactName,
        vendor_contact_email: profile.contactEmail,
        vendor_contact_phone: profile.contactPhone,
      }
    : {};
}

/**
 * Opens the order modal on its first question, the route; the vendor's step that follows is
 * prefilled from the workspace's saved vendor profile. Shared by `/delegering ny` and anything
 * else that starts a case (the Home tab's button).
 */
export async function openOrderModal(svc: Services, client: App["client"], workspaceId: string, triggerId: string): Promise<void> {
  const draft = await vendorDraft(svc, workspaceId);
  // trigger_id expires 3 s after the click or command: one quick read, then open.
  await client.views.open({ trigger_id: triggerId, view: routeStepView(svc.rt.config.locale, draft) });
}

/** `/delegering ny` (and `new`). */
export const ny: Subcommand = {
  kind: "modal",
  access: "changes",
  run: async ({ command, client, respond }, _rest, svc) => {
    const { rt } = svc;
    try {
      await openOrderModal(svc, client, command.team_id, command.trigger_id);
    } catch (error) {
      rt.logger.error(`could not open the order modal: ${String(error)}`);
      await respond({ response_type: "ephemeral", text: intakeText[rt.config.locale].openFailed }).catch(() => undefined);
    }
  },
};
