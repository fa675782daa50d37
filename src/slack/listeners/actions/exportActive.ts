import type { App } from "@slack/bolt";
import { activeDelegationsCsv } from "../../../service/liveDelegations.js";
import type { Services } from "../../../service/services.js";
import { activeText } from "../../messages/active.js";
import { answer } from "../../respond.js";
import { exportActiveAction } from "../../views/active.js";
import { onButton } from "../button.js";

/**
 * «Eksporter CSV» under `/delegering aktive`: the whole list as a file in the clicker's direct
 * message with the app (it is for the vendor's own integration settings, not for a channel).
 * Privileged like the changes: it hands over every customer's delegation at once.
 */
export function registerExportActive(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => activeText[rt.config.locale];
  onButton(
    app,
    rt,
    exportActiveAction,
    "changes",
    async ({ click, client }) => {
      const { csv, count } = await activeDelegationsCsv(svc);
      try {
        const opened = await client.conversations.open({ users: click.user.id });
        if (!opened.channel?.id) throw new Error("Slack gave no direct message channel");
        await client.filesUploadV2({ channel_id: opened.channel.id, filename: m().fileName, title: m().fileName, initial_comment: m().exportComment(count), file: Buffer.from(csv, "utf8") });
      } catch (error) {
        rt.logger.error(`could not upload the live delegations for ${click.user.id}: ${String(error)}`);
        return answer(rt, client, { click }, m().exportFailed);
      }
      await answer(rt, client, { click }, m().exportDone);
    },
    () => m().failed,
  );
}
