import { findVendorProfile } from "../../../store/vendorProfiles.js";
import { intakeText } from "../../messages/intake.js";
import { vendorStepView } from "../../views/orderModal.js";
import type { OrderDraft } from "../../views/orderModalDraft.js";
import type { Subcommand } from "./delegering.js";

/** `/delegering ny`: opens step 1 of the order modal, prefilled from the saved vendor profile. */
export const ny: Subcommand = async ({ command, client, respond }, _rest, svc) => {
  const { rt } = svc;
  try {
    const profile = await findVendorProfile(rt.db, command.team_id);
    const draft: OrderDraft = profile
      ? {
          vendor_orgnr: profile.orgnr,
          vendor_name: profile.name,
          vendor_contact_name: profile.contactName,
          vendor_contact_email: profile.contactEmail,
          vendor_contact_phone: profile.contactPhone,
        }
      : {};
    // trigger_id expires 3 s after the command: one quick read, then open.
    await client.views.open({ trigger_id: command.trigger_id, view: vendorStepView(rt.config.locale, draft) });
  } catch (error) {
    rt.logger.error(`could not open the order modal: ${String(error)}`);
    await respond({ response_type: "ephemeral", text: intakeText[rt.config.locale].openFailed }).catch(() => undefined);
  }
};
