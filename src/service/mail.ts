import type { CaseRecord } from "../domain/caseRecord.js";
import { orderOfCase } from "../domain/caseRecord.js";
import { newMessageId } from "../domain/mailIds.js";
import { composeFollowUpEmail, composeOrderEmail, type ComposedEmail } from "../domain/orderEmail.js";
import type { Runtime } from "../runtime.js";
import type { NewOutboxRow, OutboxKind, OutboxMessage } from "../store/outbox.js";

// What the app sends, composed from a case: the order to Brreg and the follow-ups. The outbox
// stores and sends rows; what goes in them is decided here.

export interface MailSettings {
  from: string | undefined;
  replyTo: string | undefined;
  ccVendorContact: boolean;
  brregOrderEmail: string;
}

export function mailSettings(rt: Runtime): MailSettings {
  const { mail } = rt.config;
  return { from: mail.from, replyTo: mail.replyTo, ccVendorContact: mail.ccVendorContact, brregOrderEmail: mail.brregOrderEmail };
}

/** A row of the case's own mail: our Message-ID, the configured sender and Reply-To, the vendor's contact in Cc if wanted. */
function rowOf(
  c: CaseRecord,
  kind: OutboxKind,
  email: ComposedEmail,
  to: string[],
  mail: MailSettings,
  inReplyTo: string | null = null,
  cc: string[] = mail.ccVendorContact ? [c.vendorContactEmail] : [],
): NewOutboxRow {
  return {
    caseId: c.id,
    kind,
    messageId: newMessageId(c.reference, mail.from),
    fromAddress: mail.from ?? "delegering@localhost",
    toAddresses: to,
    ccAddresses: cc,
    replyTo: mail.replyTo ?? null,
    inReplyTo,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
  };
}

/** The order email to Brreg as an outbox row. */
export function orderRow(c: CaseRecord, mail: MailSettings): NewOutboxRow {
  return rowOf(c, "order", composeOrderEmail({ reference: c.reference, order: orderOfCase(c) }), [mail.brregOrderEmail], mail);
}

export type FollowUpDraft = { email: ComposedEmail; to: string[]; inReplyTo: string };

/**
 * The follow-up to Brreg for a case waiting on Brreg, threaded to the order by In-Reply-To; null
 * when there is no sent order to follow up (or the case is not waiting).
 */
export function followUpDraft(c: CaseRecord, order: OutboxMessage | null, mail: MailSettings): FollowUpDraft | null {
  if (c.stage !== "awaiting_brreg" || !c.orderMessageId || !order) return null;
  const email = composeFollowUpEmail({ reference: c.reference, order: orderOfCase(c), originalSubject: order.subject, sentAt: order.sentAt ?? order.createdAt });
  return { email, to: [mail.brregOrderEmail], inReplyTo: c.orderMessageId };
}

/** Follow-up number n as an outbox row. */
export function followUpRow(c: CaseRecord, n: number, draft: FollowUpDraft, mail: MailSettings): NewOutboxRow {
  return rowOf(c, `followup-${n}`, draft.email, draft.to, mail, draft.inReplyTo);
}

/** An e-mail to the customer («Send til kunden») as an outbox row, with its own Cc (the vendor's contact). */
export function customerMailRow(c: CaseRecord, kind: OutboxKind, email: ComposedEmail, to: string, cc: string[], mail: MailSettings): NewOutboxRow {
  return rowOf(c, kind, email, [to], mail, null, cc);
}
