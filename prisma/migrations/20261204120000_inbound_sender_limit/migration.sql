-- What of a mail reached Slack under the per-sender limit, and the index that counts a sender's past hour.
ALTER TABLE "InboundMail" ADD COLUMN "post" TEXT;

-- CreateIndex
CREATE INDEX "InboundMail_fromAddress_receivedAt_idx" ON "InboundMail"("fromAddress", "receivedAt");
