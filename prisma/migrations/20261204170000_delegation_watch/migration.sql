-- AlterTable: when the delegation last proved itself, and since when the case is verified
ALTER TABLE "Case" ADD COLUMN "lastVerifiedAt" TIMESTAMP(3),
ADD COLUMN "verifiedSince" TIMESTAMP(3);

-- CreateIndex: `/delegering aktive` reads the verified and lost delegations in this order
CREATE INDEX "Case_stage_environment_scope_customerName_idx" ON "Case"("stage", "environment", "scope", "customerName");

-- AlterTable: polls of verified cases (re-verification), the refusal awaiting its second check,
-- and the last «Sjekk nå»
ALTER TABLE "DelegationPoll" ADD COLUMN "mode" TEXT NOT NULL DEFAULT 'waiting',
ADD COLUMN "refusedAt" TIMESTAMP(3),
ADD COLUMN "refusal" TEXT,
ADD COLUMN "checkNowAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ClientProblem" (
    "env" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientProblem_pkey" PRIMARY KEY ("env","clientId","problem")
);

-- CreateTable
CREATE TABLE "CredentialNotice" (
    "noticeKey" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CredentialNotice_pkey" PRIMARY KEY ("noticeKey")
);

-- Cases verified before this version: verified since they became verified, and checked again,
-- spread over the default day of DELEGATION_RECHECK_HOURS by the case's id (the golden ratio
-- spreads consecutive ids evenly) so that they do not all ask Maskinporten at the first start.
-- Later checks follow the configured interval.
UPDATE "Case" SET "verifiedSince" = "stageChangedAt", "lastVerifiedAt" = "stageChangedAt" WHERE "stage" = 'verified';

INSERT INTO "DelegationPoll" ("caseId", "mode", "dueAt", "startedAt")
SELECT "id", 'recheck', CURRENT_TIMESTAMP + ("id" * 0.6180339887 - floor("id" * 0.6180339887)) * interval '24 hours', CURRENT_TIMESTAMP
FROM "Case" WHERE "stage" = 'verified'
ON CONFLICT ("caseId") DO UPDATE SET "mode" = 'recheck', "dueAt" = EXCLUDED."dueAt", "startedAt" = EXCLUDED."startedAt",
  "attempt" = 0, "doneAt" = NULL, "outcome" = NULL, "lastProblem" = NULL;
