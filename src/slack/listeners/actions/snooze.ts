import type { App } from "@slack/bolt";
import { z } from "zod";
import { snooze, snoozeDays } from "../../../service/followThrough.js";
import type { Services } from "../../../service/services.js";
import { followupText } from "../../messages/followup.js";
import { formatDateTime } from "../../messages/format.js";
import { followThroughActions } from "../../views/followThrough.js";
import { answer } from "../../respond.js";
import { onButton } from "../button.js";

const reminderIdSchema = z.coerce.number().int().positive();

/** "Utsett 1 dag" / "Utsett 1 uke" on a reminder: moves the case's next reminder (value = its id). */
export function registerSnooze(app: App, svc: Services): void {
  const { rt } = svc;
  const m = () => followupText[rt.config.locale];
  const lengths = [
    [followThroughActions.snoozeDay, "day"],
    [followThroughActions.snoozeWeek, "week"],
  ] as const satisfies ReadonlyArray<readonly [string, keyof typeof snoozeDays]>;
  for (const [actionId, length] of lengths) {
    onButton(
      app,
      rt,
      actionId,
      "changes",
      async ({ click, value, client }) => {
        const id = reminderIdSchema.safeParse(value);
        const result = id.success ? await snooze(svc, id.data, length, click.user.id) : ({ status: "gone", reference: null } as const);
        if (result.status === "gone") return answer(rt, client, { click }, m().snoozeGone(result.reference ?? "–"));
        return answer(rt, client, { click }, m().snoozed(result.reference, formatDateTime(result.dueAt, rt.config.locale)));
      },
      () => m().failed,
    );
  }
}
