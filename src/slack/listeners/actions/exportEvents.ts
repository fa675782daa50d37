import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import type { Services } from "../../../service/services.js";
import { eventLogCsv } from "../../../service/queries.js";
import { followupText } from "../../messages/followup.js";
import { followThroughActions } from "../../views/followThrough.js";
import { answer } from "../../respond.js";
import { onCaseButton } from "../button.js";

/**
 * "Eksporter hendelser (CSV)": uploads the case's whole event log to its thread. Declared as a
 * change although it changes nothing: the log holds contacts' e-mail addresses, so guests and
 * (with a group configured) non-members are refused like on a change.
 */
export function registerExportEvents(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction(followThroughActions.exportEvents), async ({ c, click, client }) => {
    const m = followupText[rt.config.locale];
    const { csv, count } = await eventLogCsv(svc, c, m.csvHeader);
    try {
      const file = {
        channel_id: c.channelId ?? rt.config.slack.caseChannel,
        filename: m.csvFileName(c.reference),
        title: m.csvFileName(c.reference),
        initial_comment: m.exportComment(c.reference, count),
        file: Buffer.from(csv, "utf8"),
      };
      await (c.threadTs ? client.filesUploadV2({ ...file, thread_ts: c.threadTs }) : client.filesUploadV2(file));
    } catch (error) {
      rt.logger.error(`could not upload the event log of ${c.reference}: ${String(error)}`);
      return answer(rt, client, { click }, m.exportFailed(c.reference));
    }
    return answer(rt, client, { click }, m.exportDone(c.reference));
  });
}
