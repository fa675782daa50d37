import type { App, ViewResponseAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { validationMessages, type ValidationCode } from "../../../domain/validationMessages.js";
import type { Runtime } from "../../../runtime.js";
import type { OrderRegisterChecks } from "../../../service/registerChecks.js";
import { within } from "../../../within.js";
import type { Locale } from "../../messages/locale.js";
import { updateView } from "./updateView.js";

/** What a submission answers within Slack's 3 s, and the slower work that follows the ack. */
export interface Outcome {
  /** the ack's body; none closes the modal */
  response?: ViewResponseAction;
  after?: () => Promise<void>;
}

/** Field errors in the configured language, keyed by block_id as response_action "errors" wants them. */
export function localizeErrors(errors: Partial<Record<string, ValidationCode>>, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, code]) => (code ? [[field, validationMessages[code][locale]]] : [])));
}

/**
 * A review that shows register answers: it waits for the lookups at most `waitMs`, answers the
 * ack with the review as it stands, and, while some answers are still out, updates the view once
 * they are in. The update is skipped when the modal session showed another view since (Back,
 * Send). It goes without a hash: the ack's response_action "update" gave the view a new one, and
 * Slack never tells the app what it is.
 */
export async function reviewWithLateAnswers(input: {
  rt: Runtime;
  client: App["client"];
  viewId: string;
  checks: OrderRegisterChecks;
  session: string;
  lookups: Promise<unknown>;
  waitMs: number;
  render: () => { view: ModalView; checking: boolean };
  what: string;
}): Promise<Outcome> {
  const { checks, session, lookups } = input;
  await within(lookups, input.waitMs, undefined);
  const { view, checking } = input.render();
  const generation = checks.bump(session);
  if (!checking) return { response: { response_action: "update", view } };
  return {
    response: { response_action: "update", view },
    after: async () => {
      await lookups;
      if (checks.generation(session) !== generation) return;
      await updateView(input.rt, input.client, { id: input.viewId }, input.render().view, input.what);
    },
  };
}
