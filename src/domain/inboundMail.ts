import { isValidOrgnr } from "./orgnr.js";
import { isOpen, type Stage } from "./stages.js";

// What incoming mail is and does, as pure rules: the mail layer parses a message into MailFacts
// (already redacted), and the service decides with these what it means for a case.

/** How the watcher recorded a handled message. */
export type Classification = "confirmation" | "auto_reply" | "bounce" | "unmatched" | "ignored" | "closed_case" | "customer_reply";

/** auto_reply and delivery_report never move a case; ordinary mail may. */
export type MailKind = "auto_reply" | "delivery_report" | "ordinary";

export interface MailFacts {
  kind: MailKind;
  /** for delivery reports: whether delivery failed for good (not merely delayed) */
  deliveryFailed: boolean;
  /** Message-ID of this mail, redacted */
  messageId: string | null;
  /** sender address, lowercased */
  from: string | null;
  /** To and Cc addresses, lowercased, in order, without duplicates */
  recipients: string[];
  subject: string;
  /** Message-IDs this mail answers (In-Reply-To and References) */
  repliesTo: string[];
  /** for delivery reports: Message-IDs of the returned message, found inside the report */
  returnedIds: string[];
  /** body text, redacted; for reports it includes the returned headers */
  text: string;
  /** the receiving server recorded a DMARC failure for the sender's domain (a forged From) */
  senderForged: boolean;
}

/** What a message that could not be parsed at all counts as: ordinary mail with nothing to match. */
export const unreadableMail: MailFacts = {
  kind: "ordinary",
  deliveryFailed: false,
  messageId: null,
  from: null,
  recipients: [],
  subject: "",
  repliesTo: [],
  returnedIds: [],
  text: "",
  senderForged: false,
};

/** What in a mail can point at a case, strongest first. Pure. */
export interface MatchHints {
  /** Message-IDs the mail answers or, for a report, returned */
  messageIds: string[];
  /** case references written as [DLG-<n>] in the subject (or, for a report, in the returned text) */
  references: string[];
  /** valid organisation numbers in the body */
  orgnrs: string[];
}

const referencePattern = /\[\s*(DLG-\d{1,9})\s*\]/gi;
// 9 digits, also written 3+3+3 with spaces; longer digit runs (identity numbers, phone numbers
// with country code) are not organisation numbers.
const orgnrPattern = /(?<![\d])(\d{3})[ \u00A0]?(\d{3})[ \u00A0]?(\d{3})(?![\d])/g;

export function matchHints(facts: MailFacts): MatchHints {
  const report = facts.kind === "delivery_report";
  const referenceSource = report ? `${facts.subject}\n${facts.text}` : facts.subject;
  const references = [...new Set([...referenceSource.matchAll(referencePattern)].map((m) => m[1]!.toUpperCase()))];
  const orgnrs = [...new Set([...facts.text.matchAll(orgnrPattern)].map((m) => `${m[1]}${m[2]}${m[3]}`).filter(isValidOrgnr))];
  return { messageIds: report ? facts.returnedIds : facts.repliesTo, references, orgnrs };
}

export type Action = "confirm" | "report_bounce" | "post_unmatched" | "post_reply" | "none";

export interface Decision {
  classification: Classification;
  action: Action;
}

/**
 * What a mail does, from what it is and which case it matched. Pure. Automatic replies and
 * delivery reports never move a case; only Brreg's own mail confirms; closed cases stay as they
 * are; mail from Brreg that fits no case goes to people. Other mail answering an open case (the
 * customer replying to «Send til kunden») is shown in the thread and never moves the case;
 * `fromUs`: a copy of the app's own mail, which is nobody's reply. A reply is one that names the
 * case (our Message-ID in In-Reply-To/References, or [DLG-n]): mail that merely mentions both org
 * numbers is nobody's answer to us.
 */
export function decide(facts: MailFacts, matched: { stage: Stage; via?: string } | null, fromBrreg: boolean, fromUs = false): Decision {
  const stage = matched ? matched.stage : null;
  if (facts.kind === "delivery_report") {
    if (stage && facts.deliveryFailed) return { classification: "bounce", action: isOpen(stage) ? "report_bounce" : "none" };
    return { classification: "ignored", action: "none" };
  }
  if (facts.kind === "auto_reply") return { classification: "auto_reply", action: "none" };
  if (stage && !isOpen(stage)) return { classification: "closed_case", action: "none" };
  // Brreg's name, but our server saw a DMARC failure: never a confirmation; a person decides.
  if (fromBrreg && facts.senderForged) return { classification: "unmatched", action: "post_unmatched" };
  if (stage === "awaiting_brreg" && fromBrreg) return { classification: "confirmation", action: "confirm" };
  if (!stage && fromBrreg) return { classification: "unmatched", action: "post_unmatched" };
  if (stage && !fromBrreg && !fromUs && matched?.via !== "orgnrs") return { classification: "customer_reply", action: "post_reply" };
  return { classification: "ignored", action: "none" };
}

/** Whether the address belongs to the domain or one of its subdomains. */
export function isFromDomain(address: string | null, domain: string): boolean {
  if (!address) return false;
  const host = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const d = domain.toLowerCase().replace(/^@/, "");
  return host === d || host.endsWith(`.${d}`);
}
