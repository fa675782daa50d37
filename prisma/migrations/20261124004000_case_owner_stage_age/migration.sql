-- DropIndex
DROP INDEX "Case_ownerUserId_stage_idx";

-- CreateIndex
CREATE INDEX "Case_ownerUserId_stage_stageChangedAt_idx" ON "Case"("ownerUserId", "stage", "stageChangedAt");
