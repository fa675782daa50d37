import { z } from "zod";
import { doublingDelay, nextAttempt } from "./backoff.js";
import type { CaseNotice, ClientProblemNotice, CredentialExpiryNotice, ScopeNotOnClientNotice, UnmatchedMail } from "./notices.js";

// Every Slack post a change owes is a row, written with the change and posted by the Slack worker.
// What a row is: where it goes, how far it got, and when it is tried again after Slack failed.

/**
 * Where a row goes: the case's root message (posted, then updated to the case's latest state),
 * its thread, a direct message, or the case channel outside any thread.
 */
export const noticeTargetSchema = z.enum(["root", "thread", "dm", "channel"]);
export type NoticeTarget = z.infer<typeof noticeTargetSchema>;

/** pending: still owed; posted: Slack took it; failed: Slack refused it or it gave up; dropped: no longer meant (a reminder whose case moved on). */
export const noticeStatusSchema = z.enum(["pending", "posted", "failed", "dropped"]);
export type NoticeStatus = z.infer<typeof noticeStatusSchema>;

/**
 * A case's rows are posted in the order they were written, one lane at a time: the root and the
 * thread share the case channel, the owner's DMs go their own way, so a channel the app cannot
 * post in holds up the thread and never the owner's DM.
 */
export type NoticeLane = "channel" | "dm";
export function laneOf(target: NoticeTarget): NoticeLane {
  return target === "dm" ? "dm" : "channel";
}

/** A post in the case channel that belongs to no case's thread. */
export type ChannelNotice =
  | { kind: "unmatched_mail"; mail: UnmatchedMail }
  | { kind: "mail_passed_over"; mailbox: string; uid: string; error: string }
  | { kind: "scope_not_on_client"; notice: ScopeNotOnClientNotice }
  | { kind: "client_problem"; notice: ClientProblemNotice }
  | { kind: "credential_expiry"; notice: CredentialExpiryNotice }
  /** rendered from the cases as they are when it is posted */
  | { kind: "weekly_overview"; week: string };

/** What the delivery itself tells a case's owner: the case channel refuses the app's posts. */
export interface ChannelUnavailableNotice {
  kind: "channel_unavailable";
  channel: string;
  /** Slack's error: not_in_channel, channel_not_found or is_archived */
  error: string;
  reference: string;
}

/**
 * Which rows a case notice makes: a line in the thread, and for the steps where the owner must act
 * (Brreg confirmed: ask the customer to delegate; a fictitious company confirmed: what the vendor
 * does in Altinn TT02; the delegation found: what the client needs) a direct message to the owner as well.
 * A verified delegation that stopped working is told in the case channel too (rendered with the case).
 */
export function noticeTargets(notice: CaseNotice): Array<"thread" | "dm" | "channel"> {
  switch (notice.kind) {
    case "brreg_confirmed":
    case "fictitious_confirmed":
    case "delegation_detected":
      return ["thread", "dm"];
    case "delegation_lost":
      return ["thread", "dm", "channel"];
    default:
      return ["thread"];
  }
}

/** Slack answered with trouble that passes: the pause before the next try grows from seconds to a few minutes. */
export const noticeRetry = { retryMinSeconds: 2, retryMaxSeconds: 300 } as const;

/**
 * The next try after `failures` failed tries in a row of a row written at `since`: null once
 * `giveUpHours` have passed (the row then fails). Slack's Retry-After (a rate limit, not an
 * outage) is waited as told, without the growing pause.
 */
export function nextNoticeAttempt(now: Date, since: Date, failures: number, giveUpHours: number, retryAfterMs?: number): Date | null {
  if (retryAfterMs === undefined) return nextAttempt(now, since, failures, { ...noticeRetry, giveUpHours });
  if (now.getTime() >= since.getTime() + giveUpHours * 3_600_000) return null;
  return new Date(now.getTime() + retryAfterMs);
}

/** The next try while the case channel refuses the app (kept until it works: nobody gives up on a channel). */
export function nextChannelAttempt(now: Date, failures: number): Date {
  return new Date(now.getTime() + doublingDelay(failures, noticeRetry.retryMinSeconds, noticeRetry.retryMaxSeconds) * 1000);
}
