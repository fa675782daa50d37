import { randomUUID } from "node:crypto";
import { orderOfCase, type CaseRecord } from "../domain/caseRecord.js";
import { composeOrderEmail } from "../domain/orderEmail.js";
import type { Tx } from "./events.js";

export interface MailSettings {
  from: string | undefined;
  replyTo: string | undefined;
  ccVendorContact: boolean;
  brregOrderEmail: string;
}

/** Message-IDs are ours, made before sending, so Brreg's reply can be matched to the case. */
export function newMessageId(reference: string, from: string | undefined): string {
  const domain = from?.split("@")[1]?.replace(/[^A-Za-z0-9.-]/g, "") || "delegering.invalid";
  return `<${reference.toLowerCase()}.${randomUUID()}@${domain}>`;
}

/**
 * Writes the order email to the outbox inside the caller's transaction (the same one that moves
 * the case to order_pending) and stores its Message-ID on the case. One order per case: a second
 * call finds the first row.
 */
export async function enqueueOrder(tx: Tx, c: CaseRecord, mail: MailSettings, now: Date): Promise<void> {
  const existing = await tx.outboxMessage.findUnique({ where: { caseId_kind: { caseId: c.id, kind: "order" } } });
  if (existing) return;
  const email = composeOrderEmail({ reference: c.reference, order: orderOfCase(c) });
  const messageId = newMessageId(c.reference, mail.from);
  await tx.outboxMessage.create({
    data: {
      caseId: c.id,
      kind: "order",
      messageId,
      fromAddress: mail.from ?? "delegering@localhost",
      toAddresses: [mail.brregOrderEmail],
      ccAddresses: mail.ccVendorContact ? [c.vendorContactEmail] : [],
      replyTo: mail.replyTo ?? null,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      nextAttemptAt: now,
      createdAt: now,
    },
  });
  await tx.case.update({ where: { id: c.id }, data: { orderMessageId: messageId } });
}

/** A cancelled case sends nothing more. */
export async function cancelUnsent(tx: Tx, caseId: number, now: Date): Promise<number> {
  const { count } = await tx.outboxMessage.updateMany({
    where: { caseId, status: "queued" },
    data: { status: "cancelled", lastError: null, updatedAt: now },
  });
  return count;
}
