import type { App } from "@slack/bolt";
import { z } from "zod";
import { noteHomeShown } from "../../../service/home.js";
import type { Services } from "../../../service/services.js";
import { homeActions } from "../../views/home.js";
import { cursorOf, pageValueSchema } from "../../views/status.js";
import { publishHome } from "../events/appHome.js";
import { onAction } from "../register.js";

const pageClick = z.object({
  user: z.object({ id: z.string() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000) })).min(1),
});

/** The Home tab's page buttons: re-publish it at that page. */
export function registerHomePaging(app: App, svc: Services): void {
  const { rt } = svc;
  for (const actionId of [homeActions.next, homeActions.first]) {
    onAction(app, actionId, "reads", async ({ ack, body, client }) => {
      await ack();
      try {
        const click = pageClick.parse(body);
        const action = click.actions.find((a) => a.action_id === actionId) ?? click.actions[0]!;
        const value = pageValueSchema.parse(JSON.parse(action.value));
        const after = cursorOf(value);
        await publishHome(client, svc, click.user.id, value.page, after);
        // A refresh after a change keeps them on this page.
        await noteHomeShown(svc, click.user.id, value.page, after);
      } catch (error) {
        rt.logger.error(`Home paging failed: ${String(error)}`);
      }
    });
  }
}
