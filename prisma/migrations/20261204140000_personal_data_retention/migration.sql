-- AlterTable: when a closed case's personal data was replaced by the marker (RETENTION_DAYS)
ALTER TABLE "Case" ADD COLUMN "personalDataErasedAt" TIMESTAMP(3);

-- Not expressible in schema.prisma: a partial index over the cases not yet erased, so the pass
-- that looks for closed cases past RETENTION_DAYS reads only those, not every case ever erased.
CREATE INDEX "Case_personalData_kept_idx" ON "Case"("stageChangedAt") WHERE "personalDataErasedAt" IS NULL;

-- CreateTable: the personal-data pass, claimed once per six-hour slot by one replica
CREATE TABLE "RetentionPass" (
    "slot" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionPass_pkey" PRIMARY KEY ("slot")
);

-- CreateIndex
CREATE INDEX "RetentionPass_claimedAt_idx" ON "RetentionPass"("claimedAt");
