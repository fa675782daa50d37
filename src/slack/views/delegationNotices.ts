import type { KnownBlock } from "@slack/types";
import type { CaseRecord } from "../../domain/caseRecord.js";
import { caseCompletionSummary } from "../../domain/guidance.js";
import type { CaseNotice, ScopeNotOnClientNotice } from "../../domain/notices.js";
import { formatOrgnr } from "../../domain/orgnr.js";
import { scopeSchema } from "../../domain/scopes.js";
import { maskinportenPrefix } from "../../maskinportenSettings.js";
import { delegationPollText } from "../messages/delegationPolling.js";
import type { Locale } from "../messages/locale.js";
import { maskinportenText } from "../messages/maskinporten.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { caseActions } from "./caseMessage.js";
import { codeBlocks } from "./codeBlocks.js";
import { customerNameOf, customerOf } from "./customerLabel.js";
import { completionFacts } from "./followThrough.js";

// The notices of the app's own Maskinporten polls (src/service/delegationPolling.ts).

type Message = { text: string; blocks: KnownBlock[] };
type Notice<K extends CaseNotice["kind"]> = Extract<CaseNotice, { kind: K }>;

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const code = (scope: string) => `\`${escapeMrkdwn(scope)}\``;

function summaryBlocks(c: CaseRecord, scope: string, locale: Locale): KnownBlock[] {
  const known = scopeSchema.safeParse(scope);
  return known.success ? codeBlocks(caseCompletionSummary(c, known.data, locale)) : [];
}

/** The thread: found automatically, verified, with the completed case's facts and what the client needs. */
export function delegationDetectedThread(c: CaseRecord, notice: Notice<"delegation_detected">, locale: Locale): Message {
  const mp = maskinportenText[locale];
  const names = notice.consumer && notice.supplier ? ` ${mp.tokenNames(formatOrgnr(notice.consumer), formatOrgnr(notice.supplier))}` : "";
  const text = `${delegationPollText[locale].detected(code(notice.scope), customerOf(c, locale))}${names}`;
  return { text, blocks: [section(text), completionFacts(c, notice.scope, locale), ...summaryBlocks(c, notice.scope, locale)] };
}

/** The owner's DM: the same news, with the completion summary to set the client up by. */
export function delegationDetectedDm(c: CaseRecord, notice: Notice<"delegation_detected">, locale: Locale): Message {
  const text = delegationPollText[locale].dmDetected(c.reference, customerNameOf(c, locale), code(notice.scope));
  return { text, blocks: [section(text), ...summaryBlocks(c, notice.scope, locale)] };
}

/** Polling has ended without a token: the manual path (the stage's buttons) stays. */
export function delegationPollGaveUp(c: CaseRecord, notice: Notice<"delegation_poll_gave_up">, locale: Locale): Message {
  const m = delegationPollText[locale];
  const answers = m.lastAnswers;
  const p = notice.lastProblem;
  const last =
    p === null ? "" : p === "not_delegated" || p === "never_granted" || p === "unreachable" || p === "scope_not_on_client" ? answers[p] : answers.other(code(p));
  const gaveUp = c.stage === "delegation_lost" ? m.gaveUpLost : m.gaveUp;
  const text = `${gaveUp(m.days(notice.days))}${last ? `\n${m.lastAnswer(last)}` : ""}`;
  const actions = caseActions(c, locale, `poll_gave_up:${c.reference}`);
  return { text, blocks: [section(text), ...(actions ? [actions] : [])] };
}

/** The scope reported by hand and the scope Maskinporten gave a token for differ. */
export function scopeDiffers(c: CaseRecord, notice: Notice<"scope_differs">, locale: Locale): Message {
  const text = delegationPollText[locale].scopeDiffers(code(notice.reported), code(notice.detected), code(c.scope ?? "–"));
  return { text, blocks: [section(text)] };
}

/** The case channel, once per scope and client configuration: the scope is not on the client. */
export function scopeNotOnClientMessage(notice: ScopeNotOnClientNotice, locale: Locale): Message {
  const m = delegationPollText[locale];
  const env = notice.env === "test" ? m.envTest : m.envProd;
  const text = m.scopeNotOnClient(code(notice.scope), code(notice.clientId), env, maskinportenPrefix(notice.env), notice.reference);
  return { text, blocks: [section(text)] };
}
