import type { App } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { Runtime } from "../../../runtime.js";

/** Slack's error code on a Web API failure, when it gave one. */
function slackError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/**
 * Replaces an open modal's view after the ack. With the view's `hash` (known when the payload
 * carries the view as it is shown now, such as a button click in it) Slack refuses the update if
 * the view changed meanwhile, on any replica: that is `hash_conflict`, the user moved on, and
 * nothing is retried. Other failures (the user closed the modal …) are logged; never thrown.
 */
export async function updateView(
  rt: Runtime,
  client: App["client"],
  target: { id: string; hash?: string | undefined },
  view: ModalView,
  what: string,
  /** how a failure other than hash_conflict is logged: "debug" where closing the modal is a normal way out */
  level: "debug" | "warn" = "warn",
): Promise<"updated" | "moved_on" | "failed"> {
  try {
    await client.views.update({ view_id: target.id, ...(target.hash ? { hash: target.hash } : {}), view });
    return "updated";
  } catch (error) {
    if (slackError(error) === "hash_conflict") {
      rt.logger.debug(`order modal ${target.id}: ${what} not shown, the user moved on (hash_conflict)`);
      return "moved_on";
    }
    rt.logger[level](`order modal ${target.id}: could not show ${what}: ${String(error)}`);
    return "failed";
  }
}
