-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "stageChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "vendorOrgnr" TEXT NOT NULL,
    "vendorName" TEXT NOT NULL,
    "vendorContactName" TEXT NOT NULL,
    "vendorContactEmail" TEXT NOT NULL,
    "vendorContactPhone" TEXT NOT NULL,
    "customerOrgnr" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "customerNameSearch" TEXT NOT NULL,
    "customerContactName" TEXT NOT NULL,
    "customerContactEmail" TEXT NOT NULL,
    "customerContactPhone" TEXT NOT NULL,
    "customerAccess" TEXT NOT NULL,
    "scope" TEXT,
    "ownerUserId" TEXT NOT NULL,
    "channelId" TEXT,
    "threadTs" TEXT,
    "orderMessageId" TEXT,
    "closedReason" TEXT,
    "creationKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "toAddresses" TEXT[],
    "ccAddresses" TEXT[],
    "replyTo" TEXT,
    "inReplyTo" TEXT,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "htmlBody" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "retryNotified" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3),
    "previewPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorProfile" (
    "workspaceId" TEXT NOT NULL,
    "orgnr" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorProfile_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedRequest_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MailboxCursor" (
    "mailbox" TEXT NOT NULL,
    "uidValidity" BIGINT NOT NULL,
    "lastUid" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailboxCursor_pkey" PRIMARY KEY ("mailbox")
);

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" SERIAL NOT NULL,
    "mailbox" TEXT NOT NULL,
    "uidValidity" BIGINT NOT NULL,
    "uid" BIGINT NOT NULL,
    "messageId" TEXT,
    "fromAddress" TEXT,
    "subject" TEXT,
    "classification" TEXT NOT NULL,
    "caseId" INTEGER,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Case_orderMessageId_key" ON "Case"("orderMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_creationKey_key" ON "Case"("creationKey");

-- CreateIndex
CREATE INDEX "Case_customerOrgnr_idx" ON "Case"("customerOrgnr");

-- CreateIndex
CREATE INDEX "Case_vendorOrgnr_idx" ON "Case"("vendorOrgnr");

-- CreateIndex
CREATE INDEX "Case_stage_stageChangedAt_idx" ON "Case"("stage", "stageChangedAt");

-- CreateIndex
CREATE INDEX "Case_ownerUserId_stage_idx" ON "Case"("ownerUserId", "stage");

-- CreateIndex
CREATE INDEX "Case_customerNameSearch_idx" ON "Case"("customerNameSearch");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_at_idx" ON "CaseEvent"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_caseId_kind_key" ON "OutboxMessage"("caseId", "kind");

-- CreateIndex
CREATE INDEX "Reminder_doneAt_dueAt_idx" ON "Reminder"("doneAt", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_caseId_idx" ON "Reminder"("caseId");

-- CreateIndex
CREATE INDEX "ProcessedRequest_createdAt_idx" ON "ProcessedRequest"("createdAt");

-- CreateIndex
CREATE INDEX "InboundMail_caseId_idx" ON "InboundMail"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_mailbox_uidValidity_uid_key" ON "InboundMail"("mailbox", "uidValidity", "uid");

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;
