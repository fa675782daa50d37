-- AlterTable: the team page a Home viewer is on, so a refresh after a change keeps them there
-- (page 1 with no cursor: the first page; a later page starts after the case it names)
ALTER TABLE "HomeViewer" ADD COLUMN "page" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "afterStage" TEXT,
ADD COLUMN "afterAt" TIMESTAMP(3),
ADD COLUMN "afterId" INTEGER;
