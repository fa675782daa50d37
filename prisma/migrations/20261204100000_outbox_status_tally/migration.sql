-- CreateTable
CREATE TABLE "OutboxStatusTally" (
    "id" BIGSERIAL NOT NULL,
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "OutboxStatusTally_pkey" PRIMARY KEY ("id")
);

-- Not expressible in schema.prisma: /metrics counted the outbox by status with a GROUP BY over
-- every row ever queued (never pruned, bodies and all). A trigger now writes +1 for a row's new
-- status and -1 for its old one, and the next scrape folds them into one row per status
-- (src/store/metrics.ts), so a scrape reads the changes since the last one, not the history.
-- Appending instead of updating one counter row per status means no outbox write ever waits
-- for another's counter lock, and two transactions cannot deadlock on them.
CREATE FUNCTION "outbox_status_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."status" IS NOT DISTINCT FROM OLD."status" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "OutboxStatusTally" ("status", "n") VALUES (OLD."status", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "OutboxStatusTally" ("status", "n") VALUES (NEW."status", 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutboxMessage_status_tally" AFTER INSERT OR DELETE OR UPDATE OF "status" ON "OutboxMessage"
  FOR EACH ROW EXECUTE FUNCTION "outbox_status_tally"();

-- The rows stored before this migration (CREATE TRIGGER locked out writers until this commits).
INSERT INTO "OutboxStatusTally" ("status", "n")
  SELECT "status", count(*)::int FROM "OutboxMessage" GROUP BY "status";
