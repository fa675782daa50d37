import type { CaseRecord } from "../domain/caseRecord.js";
import type { CaseNotice, ClientProblemNotice, CredentialExpiryNotice, ScopeNotOnClientNotice, UnmatchedMail } from "../domain/notices.js";
import type { Tx } from "../store/tx.js";

/**
 * The port to Slack, as the services see it: "record this notice". Each method writes the rows
 * of what Slack owes (store/slackNotices.ts) inside `tx` when given, so the notice commits or
 * rolls back with the change that caused it (without one, at once on its own); the Slack worker
 * posts them later. Nothing here waits on Slack.
 */
export interface Notifier {
  /** a notice in the case's thread (and whatever else the notice calls for, such as the owner's DM) */
  notify(c: CaseRecord, notice: CaseNotice, tx?: Tx): Promise<void>;
  /** the case's root message owes an update: it is posted showing the case's stage and next action as they are then */
  updateRootMessage(c: CaseRecord, tx?: Tx): Promise<void>;
  /** a case of this owner was created or moved: the Homes that show it are published again (debounced, in the background, after the commit) */
  casesChanged(ownerUserId: string): void;
  unmatchedMail(mail: UnmatchedMail, tx?: Tx): Promise<void>;
  /** the weekly overview of ISO week `week`, posted in the case channel as the cases are when it goes out */
  weeklyOverview(week: string, tx?: Tx): Promise<void>;
  /** a message the mailbox watcher could not handle, tried for long enough, and passed over */
  mailPassedOver(info: { mailbox: string; uid: string; error: string }, tx?: Tx): Promise<void>;
  /** once per scope and client configuration: Maskinporten says the scope is not on the client (MP-200) */
  scopeNotOnClient(notice: ScopeNotOnClientNotice, tx?: Tx): Promise<void>;
  /** once per problem of the vendor's own client, until a token comes again (MP-1xx, an expired key …) */
  clientProblem(notice: ClientProblemNotice, tx?: Tx): Promise<void>;
  /** a Maskinporten key or certificate ends soon, or has ended (once per threshold) */
  credentialExpiring(notice: CredentialExpiryNotice, tx?: Tx): Promise<void>;
}
