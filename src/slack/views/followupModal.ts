import type { ModalView } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import type { FollowUpDraft } from "../../service/followThrough.js";
import { followupText } from "../messages/followup.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { codeBlocks } from "./codeBlocks.js";

export const followupCallbackId = "followup_send";

/** The drafted follow-up, exactly as it will be sent, with Send. */
export function followupModal(c: CaseRecord, draft: FollowUpDraft, locale: Locale): ModalView {
  const m = followupText[locale];
  return {
    type: "modal",
    callback_id: followupCallbackId,
    private_metadata: c.reference,
    title: { type: "plain_text", text: m.followupTitle },
    submit: { type: "plain_text", text: m.followupSubmit },
    close: { type: "plain_text", text: m.close },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: m.followupIntro(draft.to.map(escapeMrkdwn).join(", ")) } },
      { type: "section", text: { type: "mrkdwn", text: m.followupSubject(escapeMrkdwn(draft.email.subject)) } },
      ...codeBlocks(draft.email.text),
    ],
  };
}

/** What replaces a modal whose case has moved on: a polite note, nothing to submit. */
export function noticeModal(title: string, text: string, locale: Locale): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: title },
    close: { type: "plain_text", text: followupText[locale].closeNotice },
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}
