import type { App } from "@slack/bolt";
import { caseAction } from "../../../domain/caseActions.js";
import { maskinportenEnvFor } from "../../../maskinportenSettings.js";
import { checkNow } from "../../../service/pollNow.js";
import type { Services } from "../../../service/services.js";
import { formatTime } from "../../messages/format.js";
import { maskinportenText } from "../../messages/maskinporten.js";
import { watchText } from "../../messages/watch.js";
import { answer } from "../../respond.js";
import { answerStale, onCaseButton } from "../button.js";

/**
 * «Sjekk nå» on a case waiting for the delegation: its poll comes at once (at most once a minute
 * per case); a token moves the case and the thread says so, as with every poll.
 */
export function registerCheckNow(app: App, svc: Services): void {
  const { rt } = svc;
  onCaseButton(app, svc, caseAction("check_now"), async (ctx) => {
    const { c, click, client } = ctx;
    const locale = rt.config.locale;
    const result = await checkNow(svc, c, click.user.id);
    if (result.status === "stale") return answerStale(rt, ctx, c);
    const text =
      result.status === "polling"
        ? watchText[locale].checking(c.reference)
        : result.status === "too_soon"
          ? watchText[locale].tooSoon(c.reference, formatTime(result.again))
          : maskinportenText[locale].notConfigured(maskinportenEnvFor[c.environment]);
    await answer(rt, client, { click }, text);
  });
}
