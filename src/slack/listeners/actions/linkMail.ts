import type { App } from "@slack/bolt";
import type { Services } from "../../../service/services.js";
import { linkCandidates } from "../../../service/linkMail.js";
import { inboxText } from "../../messages/inbox.js";
import { linkMailModal } from "../../views/linkMailModal.js";
import { answer } from "../../respond.js";
import { onButton } from "../button.js";

/** "Koble til sak" on an email from Brreg that matched no case: opens the link modal. */
export function registerLinkMail(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => inboxText[rt.config.locale];
  onButton(
    app,
    rt,
    "link_mail",
    "changes",
    async ({ click, value, client }) => {
      const inboundId = Number(value);
      const found = await linkCandidates(svc, inboundId);
      if (found.status === "no_mail") return answer(rt, client, { click }, m().linkNoMail);
      if (found.status === "already_linked") return answer(rt, client, { click }, m().linkAlready(found.reference));
      if (!click.trigger_id) return answer(rt, client, { click }, m().linkFailed);
      const meta = { inboundId, channel: click.channel?.id, ts: click.container?.message_ts };
      await client.views.open({ trigger_id: click.trigger_id, view: linkMailModal(found.mail, found.waiting, meta, rt.config.locale) });
    },
    () => m().linkFailed,
  );
}
