import type { CaseRecord } from "../domain/caseRecord.js";
import type { CaseNotice, ClientProblemNotice, CredentialExpiryNotice, DelegationLoss, ScopeNotOnClientNotice, UnmatchedMail } from "../domain/notices.js";
import type { WeeklyOverview } from "./weekly.js";

/** The port to Slack, as the services see it (the Slack layer implements it). Implementations never throw: Slack trouble is logged. */
export interface Notifier {
  /** a notice in the case's thread (and whatever else the notice calls for, such as a DM); true when Slack took it */
  notify(c: CaseRecord, notice: CaseNotice): Promise<boolean>;
  /** re-renders the case's root message so it shows the current stage and next action */
  refresh(c: CaseRecord): Promise<void>;
  /** a case of this owner was created or moved: the Homes that show it are published again (debounced, in the background) */
  casesChanged(ownerUserId: string): void;
  // The channel notices below resolve true when Slack took the post.
  unmatchedMail(mail: UnmatchedMail): Promise<boolean>;
  /** the weekly overview, posted in the case channel */
  weeklyOverview(overview: WeeklyOverview): Promise<boolean>;
  /** a message the mailbox watcher could not handle, tried for long enough, and passed over */
  mailPassedOver(info: { mailbox: string; uid: string; error: string }): Promise<boolean>;
  /** once per scope and client configuration: Maskinporten says the scope is not on the client (MP-200) */
  scopeNotOnClient(notice: ScopeNotOnClientNotice): Promise<boolean>;
  /** once per problem of the vendor's own client, until a token comes again (MP-1xx, an expired key …) */
  clientProblem(notice: ClientProblemNotice): Promise<boolean>;
  /** a verified delegation stopped working (the thread and the owner hear it through notify) */
  delegationLost(c: CaseRecord, loss: DelegationLoss): Promise<boolean>;
  /** a Maskinporten key or certificate ends soon, or has ended (once per threshold) */
  credentialExpiring(notice: CredentialExpiryNotice): Promise<boolean>;
}
