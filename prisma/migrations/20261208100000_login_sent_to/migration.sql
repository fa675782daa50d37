-- AlterTable: where Brreg sent the TT02 login (the recipients of its confirming mail), kept on
-- the case instead of parsed back from the awaiting_delegation event's comma-joined detail
ALTER TABLE "Case" ADD COLUMN "loginSentTo" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- Backfill from each case's latest awaiting_delegation event (an erased one holds the marker,
-- which the column then holds too, as erasure writes it)
UPDATE "Case" c
SET "loginSentTo" = string_to_array(e."details"->>'loginSentTo', ',')
FROM (
    SELECT DISTINCT ON ("caseId") "caseId", "details"
    FROM "CaseEvent"
    WHERE "kind" = 'stage:awaiting_delegation'
    ORDER BY "caseId", "at" DESC, "id" DESC
) e
WHERE e."caseId" = c."id" AND coalesce(e."details"->>'loginSentTo', '') <> '';
