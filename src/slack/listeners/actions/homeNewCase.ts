import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../service/services.js";
import { homeText } from "../../messages/home.js";
import { homeActions } from "../../views/home.js";
import { openOrderModal } from "../commands/ny.js";
import { onAction } from "../register.js";

const click = z.object({
  trigger_id: z.string(),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
});

/**
 * "Ny sak" on the Home tab: the same order modal as `/delegering ny`.
 * (Who may press it is decided before this runs, by the global middleware in permissions.ts.)
 */
export function registerHomeNewCase(app: App, svc: Services): void {
  const { rt } = svc;
  onAction(app, homeActions.newCase, "changes", async ({ ack, body, client }) => {
    await ack();
    const parsed = click.safeParse(body);
    if (!parsed.success) {
      rt.logger.warn(`ignored a ${homeActions.newCase} click in an unexpected shape: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      return;
    }
    const { trigger_id, team, user } = parsed.data;
    try {
      await openOrderModal(svc, client, team?.id ?? user.team_id ?? "", trigger_id);
    } catch (error) {
      rt.logger.error(`could not open the order modal from Home: ${String(error)}`);
      // The Home tab has no channel for an ephemeral answer: the app's DM with the user.
      await client.chat.postMessage({ channel: user.id, text: homeText[rt.config.locale].newCaseUnavailable }).catch(() => undefined);
    }
  });
}
