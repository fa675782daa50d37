import { dmarcFor, ownServerResults } from "./authenticationResults.js";
import { isValidOrgnr } from "./orgnr.js";
import { isOpen, type Stage } from "./stages.js";

// What incoming mail is and does, as pure rules: the mail layer parses a message into MailFacts
// (already redacted), and the service decides with these what it means for a case.

/** How the watcher recorded a handled message. */
export type Classification = "confirmation" | "unproven" | "auto_reply" | "bounce" | "unmatched" | "ignored" | "closed_case" | "customer_reply";

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
  /** the Authentication-Results header values, topmost (the last server's) first */
  authenticationResults: string[];
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
  authenticationResults: [],
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

export type Action = "confirm" | "report_bounce" | "post_unmatched" | "post_unproven" | "post_reply" | "none";

export interface Decision {
  classification: Classification;
  action: Action;
}

/**
 * Whether a mail is Brreg's. null: not from Brreg's domain or a subdomain of it. "forged": it
 * is, but our mail server recorded a DMARC failure. "proven": from exactly Brreg's domain, and
 * our server recorded dmarc=pass for exactly that domain (or, without `requireDmarcPass`, no
 * failure). "unproven": anything else that gives Brreg's name (dmarc=none, no header, a
 * subdomain, a pass under a foreign authserv-id).
 */
export type BrregProof = "proven" | "unproven" | "forged" | null;

export interface BrregRule {
  domain: string;
  /** the authserv-id of our own mail server; unset: the topmost header is ours */
  authservId?: string | undefined;
  requireDmarcPass: boolean;
}

/** `dmarcPass`: our server vouched for it with dmarc=pass (what exempts it from the per-sender limit). Pure. */
export function brregProof(facts: Pick<MailFacts, "from" | "authenticationResults">, rule: BrregRule): { proof: BrregProof; dmarcPass: boolean } {
  if (!claimsDomain(facts.from, rule.domain)) return { proof: null, dmarcPass: false };
  const dmarc = dmarcFor(ownServerResults(facts.authenticationResults, rule.authservId), rule.domain);
  if (dmarc === "fail") return { proof: "forged", dmarcPass: false };
  const exact = isFromDomain(facts.from, rule.domain);
  const dmarcPass = exact && dmarc === "pass";
  return { proof: dmarcPass || (exact && !rule.requireDmarcPass) ? "proven" : "unproven", dmarcPass };
}

/**
 * What a mail does, from what it is and which case it matched. Pure. Automatic replies and
 * delivery reports never move a case; only Brreg's proven mail confirms, and mail that only
 * looks like Brreg's goes to people (to the thread of a case waiting for Brreg, with the button
 * that confirms by hand; to the channel when it fits no case); closed cases stay as they are.
 * Other mail answering an open case (the customer replying to «Send til kunden») is shown in the
 * thread and never moves the case; `fromUs`: a copy of the app's own mail, which is nobody's
 * reply. A reply is one that names the case (our Message-ID in In-Reply-To/References, or
 * [DLG-n]): mail that merely mentions both org numbers is nobody's answer to us.
 */
export function decide(facts: MailFacts, matched: { stage: Stage; via?: string } | null, brreg: BrregProof, fromUs = false): Decision {
  const stage = matched ? matched.stage : null;
  if (facts.kind === "delivery_report") {
    if (stage && facts.deliveryFailed) return { classification: "bounce", action: isOpen(stage) ? "report_bounce" : "none" };
    return { classification: "ignored", action: "none" };
  }
  if (facts.kind === "auto_reply") return { classification: "auto_reply", action: "none" };
  if (stage && !isOpen(stage)) return { classification: "closed_case", action: "none" };
  // Brreg's name, but our server saw a DMARC failure: never a confirmation; a person decides.
  if (brreg === "forged") return { classification: "unmatched", action: "post_unmatched" };
  if (stage === "awaiting_brreg" && brreg === "proven") return { classification: "confirmation", action: "confirm" };
  if (stage === "awaiting_brreg" && brreg === "unproven") return { classification: "unproven", action: "post_unproven" };
  if (!stage && brreg) return { classification: "unmatched", action: "post_unmatched" };
  if (stage && !brreg && !fromUs && matched?.via !== "orgnrs") return { classification: "customer_reply", action: "post_reply" };
  return { classification: "ignored", action: "none" };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

function bareDomain(domain: string): string {
  return domain.toLowerCase().replace(/^@/, "");
}

/** Whether the address is of exactly this domain: a subdomain is someone else's mail server. */
export function isFromDomain(address: string | null, domain: string): boolean {
  return address !== null && domainOf(address) === bareDomain(domain);
}

/** Whether the address gives this domain or one of its subdomains: what looks like that domain's mail. */
export function claimsDomain(address: string | null, domain: string): boolean {
  if (!address) return false;
  const host = domainOf(address);
  const d = bareDomain(domain);
  return host === d || host.endsWith(`.${d}`);
}
