import type { App } from "@slack/bolt";
import { z } from "zod";
import { channelWorksAgain } from "../../../service/notices.js";
import type { Services } from "../../../service/services.js";

const joined = z.object({ user: z.string(), channel: z.string() });

/**
 * The app itself was added to a channel (someone ran /invite): the notices that waited for the
 * case channel are posted now instead of at their next try.
 */
export function registerMemberJoined(app: App, svc: Services): void {
  const { rt } = svc;
  app.event("member_joined_channel", async ({ event, context }) => {
    const parsed = joined.safeParse(event);
    if (!parsed.success) {
      rt.logger.warn(`member_joined_channel in an unexpected shape: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
      return;
    }
    // Someone else joining changes nothing for the app; its own id unknown (auth.test not
    // answered yet), a try too early costs one call.
    if (context.botUserId && parsed.data.user !== context.botUserId) return;
    try {
      const due = await channelWorksAgain(svc);
      rt.logger.info(`the app was added to ${parsed.data.channel}: ${due} notice(s) that waited for the case channel are due now`);
    } catch (error) {
      rt.logger.error(`could not bring the waiting notices forward: ${String(error)}`);
    }
  });
}
