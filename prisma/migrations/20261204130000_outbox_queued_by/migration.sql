-- AlterTable: who queued a «Send til kunden» e-mail, so one person's e-mails of the last hour
-- can be counted (CUSTOMER_MAIL_PER_HOUR) by every replica and after a restart. Rows from before
-- stay NULL: they are older than the hour that counts soon after the upgrade.
ALTER TABLE "OutboxMessage" ADD COLUMN "queuedBy" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_queuedBy_createdAt_idx" ON "OutboxMessage"("queuedBy", "createdAt");
