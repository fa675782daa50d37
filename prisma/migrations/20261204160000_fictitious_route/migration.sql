-- AlterTable: which of Brreg's two routes a case takes. Every case so far was delegated from an
-- existing customer. A fictitious case's grant comes from the fictitious company Brreg creates in
-- TT02: its org number and scope, once a person has confirmed them from Brreg's reply.
ALTER TABLE "Case" ADD COLUMN "route" TEXT NOT NULL DEFAULT 'existing',
ADD COLUMN "fictitiousOrgnr" TEXT,
ADD COLUMN "fictitiousScope" TEXT;

-- CreateIndex: `status <orgnr>` finds a fictitious case by its fictitious company too
CREATE INDEX "Case_fictitiousOrgnr_idx" ON "Case"("fictitiousOrgnr");
