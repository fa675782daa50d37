import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../service/services.js";
import { openCases, type ListScope } from "../../../service/queries.js";
import { statusText } from "../../messages/status.js";
import { echoTyped } from "../../mrkdwn.js";
import { cursorOf, listeActions, listeMessage, listePageSize, pageValueSchema, textMessage } from "../../views/status.js";
import { onAction } from "../register.js";
import type { Subcommand } from "./subcommand.js";

const scopeWords: Record<string, ListScope> = { "": "alle", alle: "alle", all: "alle", mine: "mine", mitt: "mine", venter: "venter", waiting: "venter" };

/** `/delegering liste [mine|alle|venter]`: open cases by stage, oldest first, a page at a time. */
export const liste: Subcommand = {
  kind: "answer",
  answer: async ({ command }, rest, svc) => {
    const { rt } = svc;
    const locale = rt.config.locale;
    try {
      const word = (rest.trim().split(/\s+/)[0] ?? "").toLowerCase();
      const scope = scopeWords[word];
      if (!scope) return textMessage(statusText[locale].listUnknownScope(echoTyped(word, 40)));
      const page = await openCases(svc, { scope, userId: command.user_id, pageSize: listePageSize });
      return listeMessage(scope, 1, page.cases, page.next, locale, rt.now());
    } catch (error) {
      rt.logger.error(`liste failed: ${String(error)}`);
      return { text: statusText[locale].failed };
    }
  },
};

const pageClick = z.object({
  user: z.object({ id: z.string() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000) })).min(1),
});

/** "Vis flere" / "Til første side" under a liste answer: replaces it with that page. */
export function registerListePaging(app: App, svc: Services): void {
  const { rt } = svc;
  for (const actionId of Object.values(listeActions)) {
    onAction(app, actionId, "reads", async ({ ack, body, respond }) => {
      await ack();
      const locale = rt.config.locale;
      try {
        const click = pageClick.parse(body);
        const action = click.actions.find((a) => a.action_id === actionId) ?? click.actions[0]!;
        const value = pageValueSchema.parse(JSON.parse(action.value));
        const page = await openCases(svc, { scope: value.scope, userId: click.user.id, pageSize: listePageSize, after: cursorOf(value) });
        await respond({ replace_original: true, response_type: "ephemeral", ...listeMessage(value.scope, value.page, page.cases, page.next, locale, rt.now()) });
      } catch (error) {
        rt.logger.error(`liste paging failed: ${String(error)}`);
        await respond({ replace_original: false, response_type: "ephemeral", text: statusText[locale].failed }).catch(() => undefined);
      }
    });
  }
}
