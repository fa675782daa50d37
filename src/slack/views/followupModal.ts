import type { KnownBlock, ModalView } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import type { FollowUpDraft } from "../../store/followups.js";
import { followupText } from "../messages/followup.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn } from "../mrkdwn.js";

export const followupCallbackId = "followup_send";

// A section holds at most 3000 characters; the body is shown in fenced pieces well under that.
function fenced(text: string): KnownBlock[] {
  const safe = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/```/g, "'''");
  const pieces: string[] = [];
  let rest = safe;
  while (rest.length > 0) {
    let cut = rest.length <= 2800 ? rest.length : rest.lastIndexOf("\n", 2800);
    if (cut <= 0) cut = 2800;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  return pieces.map((p) => ({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${p}\`\`\`` } }));
}

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
      ...fenced(draft.email.text),
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
