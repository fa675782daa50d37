import type { CaseRecord } from "../../domain/caseRecord.js";
import { environmentInfo } from "../../domain/environments.js";
import { fictitiousGuidance } from "../../domain/fictitiousGuidance.js";
import type { CaseNotice, ClientProblemNotice, CredentialExpiryNotice, DelegationLoss } from "../../domain/notices.js";
import { scopeSchema } from "../../domain/scopes.js";
import { maskinportenPrefix } from "../../maskinportenSettings.js";
import { delegationPollText } from "../messages/delegationPolling.js";
import { formatDateTime } from "../messages/format.js";
import type { Locale } from "../messages/locale.js";
import { maskinportenText } from "../messages/maskinporten.js";
import { watchText } from "../messages/watch.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { section, type Message } from "./blocks.js";
import { caseActions } from "./caseMessage.js";
import { codeBlocks } from "./codeBlocks.js";
import { customerNameOf, customerOf } from "./customerLabel.js";
import { sendToCustomerActions } from "./customerMailModal.js";

// The notices of the watch over verified delegations (src/service/delegationPolling.ts).

type Notice<K extends CaseNotice["kind"]> = Extract<CaseNotice, { kind: K }>;

const code = (scope: string) => `\`${escapeMrkdwn(scope)}\``;

/** Since when, which scope, what Maskinporten said in plain words, and what to do (on the fictitious route, the vendor itself). */
function lossLines(c: Pick<CaseRecord, "route">, loss: DelegationLoss, locale: Locale): string[] {
  const m = watchText[locale];
  const todo = c.route === "fictitious" ? m.whatToDoFictitious : m.whatToDo;
  return [
    loss.lastVerifiedAt ? m.lastVerified(formatDateTime(loss.lastVerifiedAt, locale)) : m.neverVerified,
    m.said(m.plain[loss.problem]),
    m.todo(todo[loss.problem]),
  ];
}

/**
 * The thread: lost, with the text asking the customer to delegate again and «Send til kunden»;
 * on the fictitious route there is no customer: the vendor's own steps in Altinn TT02 instead.
 */
export function delegationLostThread(c: CaseRecord, notice: Notice<"delegation_lost">, forCustomer: string, locale: Locale): Message {
  const m = watchText[locale];
  const text = [m.lost(code(notice.scope), customerOf(c, locale), formatDateTime(notice.since, locale)), ...lossLines(c, notice, locale)].join("\n");
  const actions = caseActions(c, locale, `delegation_lost:${c.reference}`);
  const fictitiousSteps = c.route === "fictitious" ? delegateAgainSteps(c, notice, locale) : null;
  const forward =
    c.route === "fictitious"
      ? fictitiousSteps
        ? [section(`*${m.forwardFictitious}*`), section(escapeMrkdwn(fictitiousSteps))]
        : []
      : [section(`*${m.forwardLost}*`), ...codeBlocks(forCustomer), sendToCustomerActions(c.reference, locale)];
  return { text, blocks: [section(text), ...forward, ...(actions ? [actions] : [])] };
}

/** The vendor's own steps to delegate again from the fictitious company (the app rechecks, so it notices by itself). */
function delegateAgainSteps(c: CaseRecord, notice: Notice<"delegation_lost">, locale: Locale): string | null {
  const scope = scopeSchema.safeParse(notice.scope);
  if (!scope.success || !c.fictitiousOrgnr) return null;
  return fictitiousGuidance({
    vendorOrgnr: c.vendorOrgnr,
    vendorName: c.vendorName,
    fictitiousOrgnr: c.fictitiousOrgnr,
    scope: scope.data,
    loginSentTo: notice.loginSentTo,
    autoDetect: true,
    locale,
  });
}

/** The owner's DM: the same news, short. */
export function delegationLostDm(c: CaseRecord, notice: Notice<"delegation_lost">, locale: Locale): Message {
  const m = watchText[locale];
  const text = [m.dmLost(c.reference, customerNameOf(c, locale), code(notice.scope), formatDateTime(notice.since, locale)), ...lossLines(c, notice, locale)].join("\n");
  return { text, blocks: [section(text)] };
}

/** The case channel: which case, since when, which scope, what Maskinporten said and what to do. */
export function delegationLostChannel(c: CaseRecord, loss: DelegationLoss, locale: Locale): Message {
  const m = watchText[locale];
  const env = environmentInfo[c.environment].label[locale];
  const text = [m.channelLost(c.reference, customerOf(c, locale), env, code(loss.scope), formatDateTime(loss.since, locale)), ...lossLines(c, loss, locale)].join("\n");
  return { text, blocks: [section(text)] };
}

export function delegationRestored(c: CaseRecord, notice: Notice<"delegation_restored">, locale: Locale): Message {
  const text = watchText[locale].restored(code(notice.scope), customerOf(c, locale), formatDateTime(notice.lostSince, locale));
  return { text, blocks: [section(text)] };
}

/** The case channel, once: the vendor's own client has a problem (the same for every customer). */
export function clientProblemMessage(notice: ClientProblemNotice, locale: Locale): Message {
  const m = watchText[locale];
  const mp = maskinportenText[locale];
  const polls = delegationPollText[locale];
  const env = notice.env === "test" ? polls.envTest : polls.envProd;
  const text = [
    m.clientProblem(code(notice.clientId), env),
    mp.problems[notice.problem](maskinportenPrefix(notice.env), notice.env),
    mp.answered(`\`${escapeMrkdwn(notice.detail)}\``),
    m.clientProblemOnce(notice.reference),
  ].join("\n");
  return { text, blocks: [section(text)] };
}

/** The case channel: a key or certificate ends in `daysLeft` days (or has ended), and what to do. */
export function credentialExpiryMessage(notice: CredentialExpiryNotice, locale: Locale): Message {
  const m = watchText[locale];
  const env = notice.env === "test" ? delegationPollText[locale].envTest : delegationPollText[locale].envProd;
  const what = m.credentialWhat[notice.kind];
  const date = formatDateTime(notice.expiresAt, locale);
  const head =
    notice.daysLeft > 0 ? m.credentialEnds(what, code(notice.clientId), env, date, m.days(notice.daysLeft)) : m.credentialEnded(what, code(notice.clientId), env, date);
  const text = `${head}\n${m.renew[notice.kind](maskinportenPrefix(notice.env))}`;
  return { text, blocks: [section(text)] };
}

/** Home's line for a key or certificate that ends within 30 days. */
export function credentialHomeLine(e: Omit<CredentialExpiryNotice, "daysLeft">, now: Date, locale: Locale): string {
  const m = watchText[locale];
  const env = e.env === "test" ? "TEST" : "PROD";
  const daysLeft = Math.ceil((e.expiresAt.getTime() - now.getTime()) / 86_400_000);
  const date = formatDateTime(e.expiresAt, locale);
  const what = m.credentialWhat[e.kind];
  return daysLeft > 0 ? m.homeCredential(what, code(e.clientId), env, date, m.days(daysLeft)) : m.homeCredentialEnded(what, code(e.clientId), env, date);
}
