-- CreateTable
CREATE TABLE "CaseNameToken" (
    "caseId" INTEGER NOT NULL,
    "token" TEXT NOT NULL,

    CONSTRAINT "CaseNameToken_pkey" PRIMARY KEY ("caseId","token")
);

-- CreateIndex
CREATE INDEX "CaseNameToken_token_idx" ON "CaseNameToken"("token" text_pattern_ops);

-- AddForeignKey
ALTER TABLE "CaseNameToken" ADD CONSTRAINT "CaseNameToken_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma: a trigger keeps the words of "customerNameSearch" in
-- "CaseNameToken", so "part of a name" is a prefix lookup on an index instead of a scan of
-- every case (ILIKE '%x%' cannot use a b-tree). Words are split on ASCII punctuation and
-- spaces; src/store/caseQueries.ts splits the typed query the same way.
CREATE FUNCTION "case_name_tokens_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."customerNameSearch" IS NOT DISTINCT FROM OLD."customerNameSearch" THEN
      RETURN NEW;
    END IF;
    DELETE FROM "CaseNameToken" WHERE "caseId" = NEW."id";
  END IF;
  INSERT INTO "CaseNameToken" ("caseId", "token")
    SELECT DISTINCT NEW."id", w
    FROM regexp_split_to_table(NEW."customerNameSearch", '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+') AS w
    WHERE w <> ''
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Case_name_tokens" AFTER INSERT OR UPDATE OF "customerNameSearch" ON "Case"
  FOR EACH ROW EXECUTE FUNCTION "case_name_tokens_sync"();

-- Backfill the cases stored before this migration.
INSERT INTO "CaseNameToken" ("caseId", "token")
  SELECT DISTINCT c."id", w
  FROM "Case" c, regexp_split_to_table(c."customerNameSearch", '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+') AS w
  WHERE w <> ''
ON CONFLICT DO NOTHING;
