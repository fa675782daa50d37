import type { CustomerMailKind } from "./customerEmail.js";
import type { SentMailKind } from "./customerMailKinds.js";
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
  /** mail: which of the case's e-mails came back (by the returned Message-ID), when known */
  | { kind: "order_bounced"; subject: string; mail?: SentMailKind | undefined }
  /** an e-mail to the customer («Send til kunden») went out; actor: who queued it, when known */
  | { kind: "customer_mail_sent"; mail: CustomerMailKind; actor: string | null; to: string[]; cc: string[]; at: Date }
  /** preview mode: the e-mail to the customer was written to `path`, nothing was sent */
  | { kind: "customer_mail_preview"; mail: CustomerMailKind; actor: string | null; to: string[]; cc: string[]; path: string }
  /** the e-mail to the customer met a temporary failure and is tried again (told once per series) */
  | { kind: "customer_mail_retrying"; mail: CustomerMailKind; error: string; nextAttemptAt: Date }
  /** the e-mail to the customer gave up; "Prøv igjen" queues it again */
  | { kind: "customer_mail_failed"; mail: CustomerMailKind; error: string; outboxId: number }
  /** a reply to the case's mail that is not Brreg's: subject and sender only, never the body */
  | { kind: "customer_replied"; from: string; subject: string }
  /** a mail that looks like Brreg's confirmation but is not proven (no dmarc=pass for Brreg's domain): subject and sender only */
  | { kind: "brreg_unproven"; from: string; subject: string }
  /** this sender's mails reached the hour's limit: this one and the rest of the hour are not shown */
  | { kind: "mail_held"; from: string; perHour: number }
  | { kind: "brreg_confirmed"; loginSentTo: string[]; viaMail: boolean; actor: string }
  /**
   * fictitious route: Brreg's reply came; what the app read in it as the fictitious company (null:
   * nothing that fits), for a person to confirm. Never acted on by itself.
   */
  | { kind: "fictitious_proposed"; orgnr: string | null; scope: string | null }
  /**
   * fictitious route: a person confirmed the fictitious company; the owner hears what the vendor
   * does itself in Altinn. loginSentTo: where Brreg's mail with the login went; autoDetect: the
   * app polls Maskinporten TEST for the delegation.
   */
  | { kind: "fictitious_confirmed"; orgnr: string; scope: string; actor: string; loginSentTo: string[]; autoDetect: boolean }
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
      /** fictitious route, awaiting_brreg: Brreg has replied, its fictitious company waits to be confirmed */
      brregReplied?: boolean;
    }
  | { kind: "followup_sent"; to: string[]; at: Date }
  /** TT02 first, production next: `other` is the paired case; role: what the other case is */
  | { kind: "linked"; role: "production" | "test"; other: string }
  | { kind: "completed"; scope: string; actor: string }
  /** Maskinporten gave a delegated token; consumer/supplier: the orgnrs the token names, when readable */
  | { kind: "token_verified"; scope: string; consumer: string | null; supplier: string | null }
  /** the app's own poll got a delegated token: the case is verified without a scope report */
  | { kind: "delegation_detected"; scope: string; consumer: string | null; supplier: string | null }
  /** polled for `days` days without a token; lastProblem: Maskinporten's last answer */
  | { kind: "delegation_poll_gave_up"; days: number; lastProblem: string | null }
  /** a verified delegation failed two checks in a row; loginSentTo: where Brreg sent the TT02 login (for the customer text) */
  | ({ kind: "delegation_lost"; loginSentTo: string[] } & DelegationLoss)
  /** a lost delegation gave a token again: verified again; lostSince: when the case became lost */
  | { kind: "delegation_restored"; scope: string; lostSince: Date }
  /** the scope reported by hand and the one Maskinporten gave a token for are not the same */
  | { kind: "scope_differs"; reported: string; detected: string }
  /** Maskinporten refused or could not be asked; detail: its error text or the reason (never a token) */
  | {
      kind: "token_failed";
      scope: string;
      problem:
        // one per code of Digdir's list (DOMAIN.md)
        | "malformed_grant" // MP-011
        | "grant_reused" // MP-012
        | "client_not_found" // MP-100
        | "wrong_audience" // MP-110
        | "certificate_invalid" // MP-120
        | "key_expired" // MP-121
        | "certificate_wrong_org" // MP-122
        | "bad_x5c" // MP-123
        | "bad_signature" // MP-124
        | "grant_expired" // MP-130
        | "scope_not_on_client" // MP-200
        | "scope_wrong_integration" // MP-201
        | "never_granted" // MP-250
        | "not_delegated" // MP-251
        | "own_orgnr" // "combination … invalid"
        | "wrong_consumer"
        | "wrong_environment"
        | "unreachable"
        | "rejected"
        | "bad_answer"
        | "key_unreadable"
        // a token, but Brreg's API (TT02) refused it (401/403), or did not answer
        | "rrh_refused"
        | "rrh_unreachable"
        // the client's registered key or enterprise certificate has passed its end
        | "credential_expired";
      detail: string;
    };

/** Why a verified delegation is found lost: what the checks said. */
export interface DelegationLoss {
  scope: string;
  /** the first of the two refusals: since when the delegation no longer works */
  since: Date;
  /** the last check that proved it, if any */
  lastVerifiedAt: Date | null;
  /** the confirming check's answer: MP-251, MP-250, or Brreg's API refusing the token */
  problem: "not_delegated" | "never_granted" | "rrh_refused";
}

/** A problem of the vendor's own Maskinporten client, told to the case channel once (channel-level). */
export interface ClientProblemNotice {
  env: "test" | "prod";
  clientId: string;
  problem: Extract<CaseNotice, { kind: "token_failed" }>["problem"];
  /** Maskinporten's error text or the reason (never a token) */
  detail: string;
  /** the case whose check found it */
  reference: string;
}

/** A Maskinporten client's key or certificate ends soon, or has ended (channel-level, once per threshold). */
export interface CredentialExpiryNotice {
  env: "test" | "prod";
  clientId: string;
  /** a registered key (KEY_EXPIRES) or the enterprise certificate (its notAfter) */
  kind: "key" | "certificate";
  expiresAt: Date;
  /** whole days left, rounded up; 0 or less: it has expired */
  daysLeft: number;
}

/** Maskinporten answered MP-200 for a scope: it is not on the vendor's client (channel-level). */
export interface ScopeNotOnClientNotice {
  /** the Maskinporten environment: "test" or "prod" */
  env: "test" | "prod";
  clientId: string;
  scope: string;
  /** the case whose poll found it */
  reference: string;
}

/** An email from Brreg that matched no open case (never its body: it may hold identity numbers). */
export interface UnmatchedMail {
  inboundId: number;
  from: string;
  subject: string;
  receivedAt: Date;
  /** From Brreg's domain, but our mail server recorded a DMARC failure: a person must judge it */
  forged?: boolean;
  /** Gives Brreg's domain, but our mail server recorded no dmarc=pass for exactly that domain */
  unproven?: boolean;
  /** the sender's mails reached this limit an hour: posted as the one line saying the rest are not shown, in place of the mail */
  overLimit?: number;
}
