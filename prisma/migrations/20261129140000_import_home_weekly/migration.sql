-- CreateTable: an import modal's checked lines between its review and Send (one row per modal)
CREATE TABLE "ImportDraft" (
    "session" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportDraft_pkey" PRIMARY KEY ("session")
);

-- CreateIndex
CREATE INDEX "ImportDraft_createdAt_idx" ON "ImportDraft"("createdAt");

-- CreateTable: who opened the Home tab when, so every replica republishes it when cases change
CREATE TABLE "HomeViewer" (
    "userId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomeViewer_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "HomeViewer_openedAt_idx" ON "HomeViewer"("openedAt");

-- CreateTable: the weekly overview, claimed once per ISO week by one replica
CREATE TABLE "WeeklyOverview" (
    "weekKey" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklyOverview_pkey" PRIMARY KEY ("weekKey")
);
