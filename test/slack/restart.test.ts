import { afterAll, describe, expect, it } from "vitest";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";
import { FakeSlack } from "../support/fakeSlack.js";
import { startTestApp } from "../support/app.js";

describe.each(backends())("restarting on the same %s database", (backend) => {
  let slack: FakeSlack;
  let db: TestDatabase;
  afterAll(async () => {
    await slack?.stop();
    await db?.drop();
  });

  it("keeps what was written before the stop", async () => {
    slack = await new FakeSlack().start();
    db = await freshDatabase(backend);
    const first = await startTestApp(slack, db);
    await first.app.store.db.vendorProfile.create({
      data: { workspaceId: "T0TEST", orgnr: "920012345", name: "FJORDDATA SYSTEMER AS", contactName: "Kari Nordmann", contactEmail: "kari@fjorddata.no", contactPhone: "+4791234567" },
    });
    await first.stop();

    const second = await startTestApp(slack, db);
    try {
      const profile = await second.app.store.db.vendorProfile.findUnique({ where: { workspaceId: "T0TEST" } });
      expect(profile?.name).toBe("FJORDDATA SYSTEMER AS");
      expect(second.app.store.kind).toBe(backend);
    } finally {
      await second.stop();
    }
  });
});
