import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { clientFor, maskinportenEnvFor } from "../../../maskinportenSettings.js";
import type { Services } from "../../../service/services.js";
import { verifyCaseToken } from "../../../service/verifyToken.js";
import { maskinportenText } from "../../messages/maskinporten.js";
import { answer } from "../../respond.js";
import { onCaseButton } from "../button.js";

/**
 * "Sjekk token igjen" under a failed token check: asks Maskinporten again while the case is
 * completed (a verified case gets the "already moved on" answer). The click is acked first; the
 * outcome goes to the thread.
 */
export function registerVerifyToken(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("verify_token"), async ({ c, click, client }) => {
    const m = maskinportenText[rt.config.locale];
    if (!clientFor(rt.config, c.environment)) return answer(rt, client, { click }, m.notConfigured(maskinportenEnvFor[c.environment]));
    await answer(rt, client, { click }, m.checking(c.reference));
    await verifyCaseToken(svc, c.reference);
  });
}
