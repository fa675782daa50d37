-- CreateTable
CREATE TABLE "SlackNotice" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "userId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "uncertain" BOOLEAN NOT NULL DEFAULT false,
    "errorKind" TEXT,
    "error" TEXT,
    "postedTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "SlackNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlackNotice_status_nextAttemptAt_idx" ON "SlackNotice"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SlackNotice_caseId_status_id_idx" ON "SlackNotice"("caseId", "status", "id");

-- CreateIndex
CREATE INDEX "SlackNotice_status_postedAt_idx" ON "SlackNotice"("status", "postedAt");

-- AddForeignKey
ALTER TABLE "SlackNotice" ADD CONSTRAINT "SlackNotice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
