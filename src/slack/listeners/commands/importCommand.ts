import type { App } from "@slack/bolt";
import type { Services } from "../../../service/services.js";
import { importText } from "../../messages/import.js";
import { importInputView } from "../../views/importModal.js";
import { vendorDraft } from "./ny.js";
import type { Subcommand } from "./subcommand.js";

/** Opens the import modal with the vendor prefilled from the saved profile (command and Home button). */
export async function openImportModal(svc: Services, client: App["client"], workspaceId: string, triggerId: string): Promise<void> {
  const draft = await vendorDraft(svc, workspaceId);
  await client.views.open({ trigger_id: triggerId, view: importInputView(svc.rt.config.locale, draft) });
}

/** `/delegering import` (and `bulk`). */
export const importCustomersCommand: Subcommand = {
  kind: "modal",
  access: "changes",
  run: async ({ command, client, respond }, _rest, svc) => {
    const { rt } = svc;
    try {
      await openImportModal(svc, client, command.team_id, command.trigger_id);
    } catch (error) {
      rt.logger.error(`could not open the import modal: ${String(error)}`);
      await respond({ response_type: "ephemeral", text: importText[rt.config.locale].openFailed }).catch(() => undefined);
    }
  },
};
