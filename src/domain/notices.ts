import type { Step } from "./durations.js";
import type { Stage } from "./stages.js";

/**
 * Something that happened to a case and that people should hear about in its thread. Mail and
 * job code says WHAT happened; the Slack layer decides how it reads (nb/en, blocks, buttons).
 */
export type CaseNotice =
  | { kind: "created"; actor: string }
  | { kind: "customer_access_instructions" }
  | { kind: "moved"; from: Stage; to: Stage; actor: string; reason?: string | undefined }
  | { kind: "order_sent"; to: string[]; cc: string[]; at: Date }
  | { kind: "order_preview"; path: string }
  | { kind: "followup_preview"; path: string }
  | { kind: "order_retrying"; error: string; nextAttemptAt: Date }
  | { kind: "order_failed"; error: string; outboxId: number }
  | { kind: "order_bounced"; subject: string }
  | { kind: "brreg_confirmed"; loginSentTo: string[]; viaMail: boolean; actor: string }
  /** openReminderId: the reminder now set after this one (what "snooze" moves) */
  /** orderFailed: for order_pending, whether the email gave up ("Prøv igjen" helps) or is still being retried */
  /** longer: the case has waited longer than the step's median (how long it usually takes) */
  | {
      kind: "reminder";
      stage: Stage;
      sequence: number;
      openReminderId?: number | undefined;
      orderFailed?: boolean;
      longer?: { step: Step; median: number; count: number } | undefined;
    }
  | { kind: "followup_sent"; to: string[]; at: Date }
  /** TT02 first, production next: `other` is the paired case; role: what the other case is */
  | { kind: "linked"; role: "production" | "test"; other: string }
  | { kind: "completed"; scope: string; actor: string }
  /** Maskinporten gave a delegated token; consumer/supplier: the orgnrs the token names, when readable */
  | { kind: "token_verified"; scope: string; consumer: string | null; supplier: string | null }
  /** Maskinporten refused or could not be asked; detail: its error text or the reason (never a token) */
  | {
      kind: "token_failed";
      scope: string;
      problem:
        | "not_delegated"
        | "never_granted"
        | "scope_not_on_client"
        | "own_orgnr"
        | "wrong_consumer"
        | "wrong_environment"
        | "unreachable"
        | "rejected"
        | "bad_answer"
        | "key_unreadable";
      detail: string;
    };

/** An email from Brreg that matched no open case (never its body: it may hold identity numbers). */
export interface UnmatchedMail {
  inboundId: number;
  from: string;
  subject: string;
  receivedAt: Date;
  /** From Brreg's domain, but our mail server recorded a DMARC failure: a person must judge it */
  forged?: boolean;
}
