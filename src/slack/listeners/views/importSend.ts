import type { App } from "@slack/bolt";
import { formatOrgnr } from "../../../domain/orgnr.js";
import { importCustomers, importDraft } from "../../../service/import.js";
import type { OrderRegisterChecks } from "../../../service/registerChecks.js";
import type { Services } from "../../../service/services.js";
import { threadsWhenPosted } from "../../caseThreads.js";
import { importText } from "../../messages/import.js";
import { escapeMrkdwn } from "../../mrkdwn.js";
import { permalink } from "../../respond.js";
import { importDoneView, importMessageView, importSendingView, lineErrors } from "../../views/importModal.js";
import type { Outcome } from "./submission.js";
import { sessionOf, workspaceOf, type ViewSubmission } from "./viewSubmission.js";

type Client = App["client"];

/** How long the done view waits for the new cases' root messages before it shows the links it has. */
const rootsWaitMs = 10_000;

/**
 * The import modal's Create: the ack shows "sending"; after it, one case per ready line of the
 * kept draft, and the modal shows what was created, what failed and what was left out.
 */
export function importSend(svc: Services, checks: OrderRegisterChecks): (p: ViewSubmission, client: Client) => Outcome {
  const { rt } = svc;
  const locale = rt.config.locale;
  const t = importText[locale];

  function send(p: ViewSubmission, client: Client): Outcome {
    const session = sessionOf(p.view);
    checks.bump(session);
    const workspaceId = workspaceOf(p);
    return {
      response: { response_action: "update", view: importSendingView(locale) },
      after: async () => {
        const draft = await importDraft(svc, session);
        if (!draft) {
          await client.views.update({ view_id: p.view.id, view: importMessageView(locale, t.expired) });
          return;
        }
        const outcomes = await importCustomers(svc, { workspaceId, ownerUserId: p.user.id, session, draft });
        const opened = outcomes.flatMap((o) => (o.status === "created" ? [o.case] : []));
        // The notice worker posts the root messages (at Slack's pace in one channel): the links of
        // those posted within the wait are shown; the other threads follow.
        const threads = await threadsWhenPosted(
          svc,
          opened.map((c) => c.id),
          rootsWaitMs,
        );
        const created = await Promise.all(
          opened.map((c) =>
            permalink(client, threads.get(c.id)).then((link) => t.doneLine(c.reference, escapeMrkdwn(c.customerName), link ? t.threadLink(link) : "")),
          ),
        );
        const failed = outcomes.flatMap((o) => (o.status === "failed" ? [t.failedLine(String(o.lineNumber), formatOrgnr(o.orgnr))] : []));
        const leftOut = draft.lines.flatMap((l) => (l.status === "invalid" ? [t.leftOutLine(String(l.lineNumber), lineErrors(locale, l))] : []));
        await client.views.update({ view_id: p.view.id, view: importDoneView(locale, created, failed, leftOut) }).catch((error: unknown) => {
          rt.logger.debug(`could not show the import's outcome in modal ${session}: ${String(error)}`);
        });
      },
    };
  }

  return send;
}
