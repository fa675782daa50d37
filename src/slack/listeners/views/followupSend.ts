import type { App } from "@slack/bolt";
import { actsIn, caseAction } from "../../../domain/caseActions.js";
import { stageLabel } from "../../../domain/stages.js";
import { findCase } from "../../../service/cases.js";
import type { Services } from "../../../service/services.js";
import { sendFollowUp } from "../../../service/followThrough.js";
import { followupText } from "../../messages/followup.js";
import { formatDateTime } from "../../messages/format.js";
import { followupCallbackId, noticeModal } from "../../views/followupModal.js";
import { answer } from "../../respond.js";
import { referenceSchema } from "../button.js";
import { viewSubmissionSchema } from "./viewSubmission.js";
import { onView } from "../register.js";

/** Send on the follow-up preview: queues it in the outbox (the outbox worker sends it and tells the thread). */
export function registerFollowupSend(app: App, svc: Services): void {
  const { rt } = svc;
  onView(app, followupCallbackId, "changes", async ({ ack, body, client }) => {
    const locale = rt.config.locale;
    const m = followupText[locale];
    const parsed = viewSubmissionSchema.safeParse(body);
    const ref = referenceSchema.safeParse(parsed.success ? (parsed.data.view.private_metadata ?? "") : "");
    const c = ref.success ? await findCase(svc, ref.data).catch(() => null) : null;
    if (!parsed.success || !c) {
      await ack({ response_action: "update", view: noticeModal(m.followupTitle, m.notFound(ref.data ?? "–"), locale) });
      return;
    }
    if (!actsIn(caseAction("send_followup"), c.stage)) {
      await ack({ response_action: "update", view: noticeModal(m.followupTitle, m.stale(c.reference, stageLabel[c.stage][locale]), locale) });
      return;
    }
    await ack();
    const actor = parsed.data.user.id;
    try {
      const result = await sendFollowUp(svc, c.reference, actor);
      if (result.status === "queued") await answer(rt, client, { userId: actor, c: c }, m.followupQueued(c.reference));
      else if (result.status === "stale") await answer(rt, client, { userId: actor, c: c }, m.stale(c.reference, stageLabel[result.case.stage][locale]));
      else if (result.status === "no_order") await answer(rt, client, { userId: actor, c: c }, m.followupNoOrder(c.reference));
      else if (result.status === "recent") await answer(rt, client, { userId: actor, c: c }, m.followupRecent(c.reference, formatDateTime(result.queuedAt, locale)));
    } catch (error) {
      rt.logger.error(`follow-up for ${c.reference} failed: ${String(error)}`);
      await answer(rt, client, { userId: actor, c: c }, m.failed);
    }
  });
}
