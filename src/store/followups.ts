import { orderOfCase } from "../domain/caseRecord.js";
import { composeFollowUpEmail, type ComposedEmail } from "../domain/orderEmail.js";
import type { Case } from "../generated/prisma/client.js";
import type { Db } from "./db.js";
import { logEvent, type Tx } from "./events.js";
import { newMessageId, type MailSettings } from "./outbox.js";

export type FollowUpDraft = { email: ComposedEmail; to: string[]; inReplyTo: string };

/**
 * The follow-up to Brreg for a case waiting on Brreg: the order's subject and send time come from
 * its outbox row; null when there is no sent order to follow up (or the case is not waiting).
 */
export async function draftFollowUp(db: Db | Tx, c: Case, mail: MailSettings): Promise<FollowUpDraft | null> {
  if (c.stage !== "awaiting_brreg" || !c.orderMessageId) return null;
  const order = await db.outboxMessage.findUnique({ where: { caseId_kind: { caseId: c.id, kind: "order" } } });
  if (!order) return null;
  const email = composeFollowUpEmail({
    reference: c.reference,
    order: orderOfCase(c),
    originalSubject: order.subject,
    sentAt: order.sentAt ?? order.createdAt,
  });
  return { email, to: [mail.brregOrderEmail], inReplyTo: c.orderMessageId };
}

export type QueueFollowUpResult =
  | { status: "queued"; case: Case; kind: string; outboxId: number }
  | { status: "stale"; case: Case }
  | { status: "no_order"; case: Case }
  /** another follow-up was queued a moment ago (two people answering the same reminder) */
  | { status: "recent"; case: Case; queuedAt: Date }
  | { status: "not_found" };

/** A second follow-up within this time is taken for a double answer to one reminder, not a new one. */
export const followUpQuietMs = 60 * 60_000;

/**
 * Puts follow-up number n (`followup-<n>`) in the outbox, threaded to the order email by
 * In-Reply-To, under the case's row lock so it is only queued while the case waits on Brreg.
 */
export async function queueFollowUp(db: Db, reference: string, actor: string, mail: MailSettings, now: Date): Promise<QueueFollowUpResult> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: number }>>`
      SELECT id FROM "Case" WHERE reference = ${reference.toUpperCase()} FOR NO KEY UPDATE`;
    const id = locked[0]?.id;
    if (id === undefined) return { status: "not_found" } as const;
    const c = await tx.case.findUniqueOrThrow({ where: { id } });
    if (c.stage !== "awaiting_brreg") return { status: "stale", case: c } as const;
    const draft = await draftFollowUp(tx, c, mail);
    if (!draft) return { status: "no_order", case: c } as const;
    const recent = await tx.outboxMessage.findFirst({
      where: { caseId: c.id, kind: { startsWith: "followup-" }, status: { in: ["queued", "sent"] }, createdAt: { gt: new Date(now.getTime() - followUpQuietMs) } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    if (recent) return { status: "recent", case: c, queuedAt: recent.createdAt } as const;
    const earlier = await tx.outboxMessage.count({ where: { caseId: c.id, kind: { startsWith: "followup-" } } });
    const kind = `followup-${earlier + 1}`;
    const row = await tx.outboxMessage.create({
      data: {
        caseId: c.id,
        kind,
        messageId: newMessageId(c.reference, mail.from),
        fromAddress: mail.from ?? "delegering@localhost",
        toAddresses: draft.to,
        ccAddresses: mail.ccVendorContact ? [c.vendorContactEmail] : [],
        replyTo: mail.replyTo ?? null,
        inReplyTo: draft.inReplyTo,
        subject: draft.email.subject,
        textBody: draft.email.text,
        htmlBody: draft.email.html,
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    await logEvent(tx, c.id, "followup_queued", actor, now, { kind });
    return { status: "queued", case: c, kind, outboxId: row.id } as const;
  });
}
