-- CreateTable
CREATE TABLE "DelegationPoll" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "outcome" TEXT,
    "lastProblem" TEXT,

    CONSTRAINT "DelegationPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScopeNotOnClient" (
    "env" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientScopes" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScopeNotOnClient_pkey" PRIMARY KEY ("env","clientId","clientScopes","scope")
);

-- CreateIndex
CREATE UNIQUE INDEX "DelegationPoll_caseId_key" ON "DelegationPoll"("caseId");

-- CreateIndex
CREATE INDEX "DelegationPoll_doneAt_dueAt_idx" ON "DelegationPoll"("doneAt", "dueAt");

-- AddForeignKey
ALTER TABLE "DelegationPoll" ADD CONSTRAINT "DelegationPoll_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Cases already waiting for the delegation are polled too, counted from when they began to
-- wait (a case without a Maskinporten client for its environment is only rescheduled).
INSERT INTO "DelegationPoll" ("caseId", "dueAt", "startedAt")
SELECT "id", CURRENT_TIMESTAMP, "stageChangedAt" FROM "Case" WHERE "stage" = 'awaiting_delegation';
