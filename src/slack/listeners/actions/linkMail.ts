import type { App } from "@slack/bolt";
import type { Services } from "../../../service/cases.js";
import { findInbound } from "../../../store/inbound.js";
import { inboxText } from "../../messages/inbox.js";
import { linkMailModal } from "../../views/linkMailModal.js";
import { answerClick, onButton } from "../button.js";

/** "Koble til sak" on an email from Brreg that matched no case: opens the link modal. */
export function registerLinkMail(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => inboxText[rt.config.locale];
  onButton(
    app,
    rt,
    "link_mail",
    async ({ click, value, client }) => {
      const inboundId = Number(value);
      const mail = Number.isSafeInteger(inboundId) && inboundId > 0 ? await findInbound(rt.db, inboundId) : null;
      if (!mail) return answerClick(rt, client, click, m().linkNoMail);
      if (mail.caseId !== null) {
        const linked = await rt.db.case.findUnique({ where: { id: mail.caseId }, select: { reference: true } });
        if (linked) return answerClick(rt, client, click, m().linkAlready(linked.reference));
      }
      if (!click.trigger_id) return answerClick(rt, client, click, m().linkFailed);
      const waiting = await rt.db.case.findMany({ where: { stage: "awaiting_brreg" }, orderBy: { id: "desc" }, take: 100 });
      const meta = { inboundId, channel: click.channel?.id, ts: click.container?.message_ts };
      await client.views.open({ trigger_id: click.trigger_id, view: linkMailModal(mail, waiting, meta, rt.config.locale) });
    },
    () => m().linkFailed,
  );
}
