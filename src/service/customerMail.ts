import type { CaseRecord } from "../domain/caseRecord.js";
import { mailDomainOf } from "../domain/contact.js";
import { composeCustomerEmail, type CustomerMailKind } from "../domain/customerEmail.js";
import { customerMailKindFor, customerMailKindOfOutbox, customerMailOutboxPrefix } from "../domain/customerMailKinds.js";
import { customerAccessInstructions, delegationGuidance } from "../domain/guidance.js";
import type { ComposedEmail } from "../domain/orderEmail.js";
import { recentMail } from "../domain/quietMail.js";
import { clientFor } from "../maskinportenSettings.js";
import type { Runtime } from "../runtime.js";
import { lockCase } from "../store/cases.js";
import { actorOfEventWith, logEvent } from "../store/events.js";
import { customerMailTimesOf, insertOutbox, lockQueuedBy, outboxByKindPrefix, type OutboxKind } from "../store/outbox.js";
import { claimRequestKey } from "../store/processedRequests.js";
import { inTransaction } from "../store/tx.js";
import { customerMailRow, mailSettings } from "./mail.js";
import type { Services } from "./services.js";

// «Send til kunden»: the texts the app shows for the customer, sent by e-mail through the same
// outbox as the order, with the vendor's contact in Cc. The case's stage decides which text.
// The mail goes out from MAIL_FROM, so it is kept to the customer's domain unless the sender says
// otherwise, and to CUSTOMER_MAIL_PER_HOUR per person.

/** The window CUSTOMER_MAIL_PER_HOUR counts a person's e-mails in. */
const perHourMs = 60 * 60_000;

export type { CustomerMailKind };
export { customerMailKindFor };

/** The customer-access instructions as the app shows them (thread, intake) and sends them. */
export function customerAccessText(rt: Runtime, c: CaseRecord): string {
  return customerAccessInstructions({
    customerName: c.customerName,
    customerOrgnr: c.customerOrgnr,
    environment: c.environment,
    locale: rt.config.locale,
    brregEmail: rt.config.mail.brregOrderEmail,
  });
}

/** The delegation guidance as the owner's DM shows it and «Send til kunden» sends it. */
export function guidanceFor(rt: Runtime, c: CaseRecord, loginSentTo: string[]): { forVendor: string; forCustomer: string } {
  return delegationGuidance({
    environment: c.environment,
    vendorOrgnr: c.vendorOrgnr,
    vendorName: c.vendorName,
    customerName: c.customerName,
    customerOrgnr: c.customerOrgnr,
    customerContactEmail: c.customerContactEmail,
    loginSentTo,
    // With a client for the case's environment the app polls Maskinporten for the delegation.
    autoDetect: clientFor(rt.config, c.environment) !== undefined,
    again: c.stage === "delegation_lost",
    locale: rt.config.locale,
  });
}

/** The domain the e-mail may go to without the sender's say-so: the customer contact's, as typed. */
export function customerDomainOf(c: CaseRecord): string {
  return c.customerContactEmail.slice(c.customerContactEmail.lastIndexOf("@") + 1);
}

/** Whether `to` may get the case's e-mail: on the customer contact's domain, or the sender chose another domain. */
export function recipientAllowed(c: CaseRecord, to: string, otherDomain: boolean): boolean {
  return otherDomain || mailDomainOf(to) === mailDomainOf(c.customerContactEmail);
}

export interface CustomerMailDraft {
  kind: CustomerMailKind;
  email: ComposedEmail;
  to: string;
  cc: string[];
  /** no SMTP server: the e-mail is written as an .eml file and nothing is sent */
  preview: boolean;
}

function compose(rt: Runtime, c: CaseRecord, kind: CustomerMailKind, loginSentTo: string[], note: string): ComposedEmail {
  const text = kind === "customer_access" ? customerAccessText(rt, c) : guidanceFor(rt, c, loginSentTo).forCustomer;
  return composeCustomerEmail({
    kind,
    reference: c.reference,
    text,
    note,
    senderName: `${c.vendorContactName}, ${c.vendorName}`,
    locale: rt.config.locale,
  });
}

function ccOf(c: CaseRecord, to: string): string[] {
  return c.vendorContactEmail.toLowerCase() === to.toLowerCase() ? [] : [c.vendorContactEmail];
}

/** The e-mail as it would go out now to `to` (the modal shows it before anything is sent). */
export function draftCustomerMail(svc: Services, c: CaseRecord, kind: CustomerMailKind, to: string, note = ""): CustomerMailDraft {
  const { rt } = svc;
  const loginSentTo = kind === "delegation_guidance" ? c.loginSentTo : [];
  return { kind, email: compose(rt, c, kind, loginSentTo, note), to, cc: ccOf(c, to), preview: !rt.config.mail.smtpUrl };
}

export type QueueCustomerMailResult =
  | { status: "queued"; case: CaseRecord; kind: CustomerMailKind; outboxKind: OutboxKind; to: string; cc: string[] }
  /** this very submission was queued before (a double click, Slack's retry) */
  | { status: "duplicate"; case: CaseRecord }
  /** the same text went to the customer within the quiet time */
  | { status: "recent"; case: CaseRecord; queuedAt: Date }
  /** the case's stage no longer calls for this text */
  | { status: "stale"; case: CaseRecord }
  /** `to` is not on the customer's domain and the sender did not choose another domain */
  | { status: "other_domain"; case: CaseRecord; domain: string }
  /** the sender queued CUSTOMER_MAIL_PER_HOUR e-mails within the hour; `until`: when the next may go */
  | { status: "limited"; case: CaseRecord; limit: number; until: Date }
  | { status: "not_found" };

export interface CustomerMailRequest {
  reference: string;
  kind: CustomerMailKind;
  to: string;
  note: string;
  /** the sender ticked "another domain": `to` need not be on the customer contact's domain */
  otherDomain: boolean;
  /** the Slack user who sends it */
  actor: string;
  /** what makes one submission one e-mail (the modal's view id) */
  requestKey?: string | undefined;
}

/**
 * Queues the e-mail to the customer under the case's lock: only while the stage calls for the
 * text, to the customer's domain unless the sender chose another, once per submission, at most
 * one of each text per case within the quiet time, and at most CUSTOMER_MAIL_PER_HOUR from one
 * person within an hour (counted from the outbox, under a lock per person, so it holds on every
 * replica and after a restart). The outbox worker is woken and tells the thread who sent what to
 * whom.
 */
export async function queueCustomerMail(svc: Services, req: CustomerMailRequest): Promise<QueueCustomerMailResult> {
  const { rt } = svc;
  const now = rt.now();
  const mail = mailSettings(rt);
  const result = await inTransaction(rt.db, async (tx): Promise<QueueCustomerMailResult> => {
    const c = await lockCase(tx, req.reference);
    if (!c) return { status: "not_found" };
    if (customerMailKindFor(c.stage, c.route) !== req.kind) return { status: "stale", case: c };
    if (!recipientAllowed(c, req.to, req.otherDomain)) return { status: "other_domain", case: c, domain: customerDomainOf(c) };
    if (req.requestKey && !(await claimRequestKey(tx, `customer_mail:${req.requestKey}`))) return { status: "duplicate", case: c };
    const prefix = customerMailOutboxPrefix[req.kind];
    const earlier = await outboxByKindPrefix(tx, c.id, prefix);
    const recent = recentMail(earlier, now);
    if (recent) return { status: "recent", case: c, queuedAt: recent.createdAt };
    const limit = rt.config.mail.customerMailPerHour;
    await lockQueuedBy(tx, req.actor);
    const mine = await customerMailTimesOf(tx, req.actor, new Date(now.getTime() - perHourMs), limit);
    const oldest = mine.length >= limit ? mine.at(-1) : undefined;
    if (oldest) return { status: "limited", case: c, limit, until: new Date(oldest.getTime() + perHourMs) };
    const loginSentTo = req.kind === "delegation_guidance" ? c.loginSentTo : [];
    const email = compose(rt, c, req.kind, loginSentTo, req.note);
    const cc = ccOf(c, req.to);
    const row = await insertOutbox(tx, { ...customerMailRow(c, `${prefix}${earlier.length + 1}`, email, req.to, cc, mail), queuedBy: req.actor }, now);
    // Who sent what to whom; never the note (it is the vendor's words, kept in the outbox only).
    await logEvent(tx, c.id, "customer_mail_queued", req.actor, now, { kind: row.kind, mail: req.kind, to: req.to, cc: cc.join(", ") });
    return { status: "queued", case: c, kind: req.kind, outboxKind: row.kind, to: req.to, cc };
  });
  if (result.status === "queued") rt.signals.emit("outbox");
  return result;
}

/** Who queued the customer e-mail of this outbox kind (null for other kinds, or when not recorded). */
export async function customerMailActor(svc: Services, caseId: number, outboxKind: string): Promise<string | null> {
  if (!customerMailKindOfOutbox(outboxKind)) return null;
  return actorOfEventWith(svc.rt.db, caseId, "customer_mail_queued", "kind", outboxKind);
}
