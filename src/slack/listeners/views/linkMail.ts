import type { App, ViewResponseAction } from "@slack/bolt";
import { z } from "zod";
import { findCase } from "../../../service/cases.js";
import { findMail, linkMailToCase } from "../../../service/linkMail.js";
import type { Services } from "../../../service/services.js";
import { inboxText } from "../../messages/inbox.js";
import { mention } from "../../mrkdwn.js";
import { linkMailCallbackId, linkMailMetadata, pickField, referenceField } from "../../views/linkMailModal.js";
import { unmatchedMailText } from "../../views/mailNotices.js";
import { answer } from "../../respond.js";
import { onSubmission } from "./onSubmission.js";
import { fieldOf } from "./viewSubmission.js";

// "12" and "dlg-12" are what people type for DLG-12.
const typedReference = z
  .string()
  .trim()
  .regex(/^(?:DLG-?)?\d{1,9}$/i)
  .transform((s) => `DLG-${s.replace(/\D/g, "")}`);

function metadataOf(raw: string | null | undefined) {
  try {
    return linkMailMetadata.safeParse(JSON.parse(raw ?? ""));
  } catch {
    return linkMailMetadata.safeParse(null);
  }
}

/** The link modal's submission: field errors while it is open, the link after it closed. */
export function registerLinkMailSubmission(app: App, svc: Services): void {
  const { rt } = svc;
  const unexpected = (): ViewResponseAction => {
    rt.logger.warn(`link_mail submission in an unexpected shape`);
    return { response_action: "errors", errors: { [referenceField]: inboxText[rt.config.locale].linkFailed } };
  };
  onSubmission(app, rt, linkMailCallbackId, "changes", {
    unreadable: () => ({ response: unexpected() }),
    handle: async (s, client) => {
      const locale = rt.config.locale;
      const m = inboxText[locale];
      const meta = metadataOf(s.view.private_metadata);
      if (!meta.success) return { response: unexpected() };
      const typed = (fieldOf(s, referenceField)?.value ?? "").trim();
      const picked = fieldOf(s, pickField)?.selected_option?.value ?? "";
      if (!typed && !picked) return { response: { response_action: "errors", errors: { [referenceField]: m.linkNeedOne } } };
      const reference = typed ? typedReference.safeParse(typed) : { success: true as const, data: picked };
      if (!reference.success) return { response: { response_action: "errors", errors: { [referenceField]: m.linkBadReference } } };
      const [c, mail] = await Promise.all([findCase(svc, reference.data), findMail(svc, meta.data.inboundId)]).catch(() => [null, null] as const);
      if (!c || !mail) {
        return { response: { response_action: "errors", errors: { [typed || !picked ? referenceField : pickField]: !mail ? m.linkNoMail : m.linkNoCase(reference.data) } } };
      }
      return {
        after: async () => {
          const actor = s.user.id;
          try {
            const result = await linkMailToCase(svc, { inboundId: mail.id, reference: c.reference, actor });
            if (result.status !== "linked") {
              const text =
                result.status === "no_mail" ? m.linkNoMail : result.status === "no_case" ? m.linkNoCase(c.reference) : m.linkAlready(result.reference);
              return answer(rt, client, { userId: actor, c: null }, text);
            }
            const { channel, ts } = meta.data;
            if (channel && ts) {
              const original = unmatchedMailText({ from: mail.fromAddress ?? "?", subject: mail.subject ?? "", receivedAt: mail.receivedAt }, locale);
              const note = result.confirmed ? m.linkedConfirmed(c.reference, mention(actor)) : m.linkedNote(c.reference, mention(actor));
              await client.chat.update({
                channel,
                ts,
                text: `${original} ${note}`,
                blocks: [
                  { type: "section", text: { type: "mrkdwn", text: original } },
                  { type: "context", elements: [{ type: "mrkdwn", text: note }] },
                ],
              });
            }
          } catch (error) {
            rt.logger.error(`linking mail ${mail.id} to ${c.reference} failed: ${String(error)}`);
            await answer(rt, client, { userId: actor, c: c }, m.linkFailed);
          }
        },
      };
    },
  });
}
