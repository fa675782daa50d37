import type { CaseRecord } from "../../domain/caseRecord.js";
import type { CaseNotice } from "../../domain/notices.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { maskinportenEnvFor, maskinportenPrefix } from "../../maskinportenSettings.js";
import type { Locale } from "../messages/locale.js";
import { maskinportenText } from "../messages/maskinporten.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { customerOf } from "./customerLabel.js";

export type TokenNotice = Extract<CaseNotice, { kind: "token_verified" | "token_failed" }>;

/** The token check's outcome for the case's thread; a failure carries the retry button (value = reference). */
export function tokenNotice(c: CaseRecord, notice: TokenNotice, locale: Locale): Message {
  const m = maskinportenText[locale];
  const scope = `\`${escapeMrkdwn(notice.scope)}\``;
  const customer = customerOf(c, locale);
  if (notice.kind === "token_verified") {
    const names = notice.consumer && notice.supplier ? ` ${m.tokenNames(formatOrgnr(notice.consumer), formatOrgnr(notice.supplier))}` : "";
    return { text: `${m.verified(scope, customer)}${names}` };
  }
  const env = maskinportenEnvFor[c.environment];
  const explain = m.problems[notice.problem](maskinportenPrefix(env), env);
  const explanation = notice.problem === "wrong_consumer" ? `${explain} ${m.tokenFor(formatOrgnr(notice.detail))}` : explain;
  const detail = `\`${escapeMrkdwn(notice.detail)}\``;
  const atBrreg = notice.problem === "rrh_refused" || notice.problem === "rrh_unreachable";
  const said =
    notice.problem === "wrong_consumer" || notice.problem === "wrong_environment"
      ? ""
      : `\n${notice.problem === "unreachable" || notice.problem === "key_unreadable" || notice.problem === "rrh_unreachable" || notice.problem === "credential_expired" ? m.details(detail) : atBrreg ? m.brregAnswered(detail) : m.answered(detail)}`;
  const text = `${atBrreg ? m.failedAtBrreg(scope, customer) : m.failed(scope, customer)}\n${explanation}${said}`;
  // Another environment's settings will not change by pressing again.
  if (notice.problem === "wrong_environment") return { text };
  return {
    text,
    blocks: [
      section(text),
      { type: "actions", elements: [{ type: "button", action_id: "verify_token", value: c.reference, text: { type: "plain_text", text: m.retry } }] },
    ],
  };
}
