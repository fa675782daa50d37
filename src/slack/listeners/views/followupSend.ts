import type { App, ViewResponseAction } from "@slack/bolt";
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
import { onSubmission } from "./onSubmission.js";

/** Send on the follow-up preview: queues it in the outbox (the outbox worker sends it and tells the thread). */
export function registerFollowupSend(app: App, svc: Services): void {
  const { rt } = svc;
  const notFound = (reference: string): ViewResponseAction => {
    const m = followupText[rt.config.locale];
    return { response_action: "update", view: noticeModal(m.followupTitle, m.notFound(reference), rt.config.locale) };
  };
  onSubmission(app, rt, followupCallbackId, "changes", {
    unreadable: () => ({ response: notFound("–") }),
    handle: async (s, client) => {
      const locale = rt.config.locale;
      const m = followupText[locale];
      const ref = referenceSchema.safeParse(s.view.private_metadata ?? "");
      const c = ref.success ? await findCase(svc, ref.data).catch(() => null) : null;
      if (!c) return { response: notFound(ref.data ?? "–") };
      if (!actsIn(caseAction("send_followup"), c.stage)) {
        return { response: { response_action: "update", view: noticeModal(m.followupTitle, m.stale(c.reference, stageLabel[c.stage][locale]), locale) } };
      }
      return {
        after: async () => {
          const actor = s.user.id;
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
        },
      };
    },
  });
}
