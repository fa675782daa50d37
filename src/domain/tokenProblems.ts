import type { CaseNotice } from "./notices.js";

// What a failed token check means beyond the one case: the customer's doing, a passing fault,
// or the vendor's own client (which every customer of the environment shares).

export type TokenProblem = Extract<CaseNotice, { kind: "token_failed" }>["problem"];

/** The customer's delegation does not (or no longer) work: MP-251, MP-250, or Brreg's API refusing its token. */
export function isCustomerRefusal(problem: TokenProblem): problem is "not_delegated" | "never_granted" | "rrh_refused" {
  return problem === "not_delegated" || problem === "never_granted" || problem === "rrh_refused";
}

/** Down or an answer not understood (Maskinporten's or Brreg's): ask again later, nobody is at fault. */
export function isPassingFault(problem: TokenProblem): boolean {
  return problem === "unreachable" || problem === "bad_answer" || problem === "rrh_unreachable";
}

const clientProblems: ReadonlySet<TokenProblem> = new Set<TokenProblem>([
  "malformed_grant",
  "client_not_found",
  "wrong_audience",
  "certificate_invalid",
  "key_expired",
  "certificate_wrong_org",
  "bad_x5c",
  "bad_signature",
  "grant_expired",
  "scope_wrong_integration",
  "rejected",
  "key_unreadable",
  "credential_expired",
]);

/** A problem of the vendor's own client or its settings (MP-1xx and the like): the same for every customer. */
export function isClientProblem(problem: TokenProblem): boolean {
  return clientProblems.has(problem);
}
