import type { CaseRecord } from "../../domain/caseRecord.js";
import { fictitiousGuidance } from "../../domain/fictitiousGuidance.js";
import type { CaseNotice } from "../../domain/notices.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { scopeSchema } from "../../domain/scopes.js";
import { caseAction, caseButtonLabel } from "../../domain/caseActions.js";
import { fictitiousText } from "../messages/fictitious.js";
import type { Locale } from "../messages/locale.js";
import { escapeMrkdwn, mention } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { caseActions } from "./caseMessage.js";
import { confirmFictitiousId } from "./fictitiousModal.js";

// The fictitious route's notices (src/service/fictitious.ts): Brreg's fictitious company as the
// app read it, and its confirmation with what the vendor does itself.

type Notice<K extends CaseNotice["kind"]> = Extract<CaseNotice, { kind: K }>;

const code = (scope: string) => `\`${escapeMrkdwn(scope)}\``;
const confirm = caseAction(confirmFictitiousId);

/** The thread: what the reply seemed to name, never acted on, with «Bekreft fiktiv virksomhet» (value = the reference). */
export function fictitiousProposedNotice(c: CaseRecord, notice: Notice<"fictitious_proposed">, locale: Locale): Message {
  const m = fictitiousText[locale];
  const owner = mention(c.ownerUserId);
  const lines = notice.orgnr
    ? [m.proposed(owner, formatOrgnr(notice.orgnr)), notice.scope ? m.proposedScope(code(notice.scope)) : m.proposedNoScope]
    : [m.proposedNothing(owner)];
  const text = lines.join(" ");
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: `fictitious_proposed:${c.reference}`,
        elements: [{ type: "button", action_id: confirm.id, value: c.reference, ...(confirm.style ? { style: confirm.style } : {}), text: { type: "plain_text", text: caseButtonLabel.confirm_fictitious[locale] } }],
      },
    ],
  };
}

/** A line in the thread, and the owner's DM with the vendor's own steps in Altinn TT02 (no «Send til kunden»: there is no customer). */
export function fictitiousConfirmedNotice(c: CaseRecord, notice: Notice<"fictitious_confirmed">, locale: Locale): { thread: Message; dm: Message } {
  const m = fictitiousText[locale];
  const orgnr = formatOrgnr(notice.orgnr);
  const thread = { text: m.confirmedThread(mention(notice.actor), orgnr, code(notice.scope), mention(c.ownerUserId)) };
  const scope = scopeSchema.safeParse(notice.scope);
  const steps = scope.success
    ? fictitiousGuidance({
        vendorOrgnr: c.vendorOrgnr,
        vendorName: c.vendorName,
        fictitiousOrgnr: notice.orgnr,
        scope: scope.data,
        loginSentTo: notice.loginSentTo,
        autoDetect: notice.autoDetect,
        locale,
      })
    : "";
  const intro = m.dmIntro(c.reference, orgnr);
  const actions = caseActions(c, locale, `dm_actions:${c.reference}`);
  // A section, not a code block: these steps are read, not forwarded (at most some 2,000
  // characters with the longest names, inside Slack's 3,000).
  return { thread, dm: { text: intro, blocks: [section(intro), ...(steps ? [section(escapeMrkdwn(steps))] : []), ...(actions ? [actions] : [])] } };
}
