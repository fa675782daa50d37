import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/db.js";
import { claimRequestKey, pruneRequestKeys } from "../../src/store/processedRequests.js";
import { backends, freshDatabase, type TestDatabase } from "../support/db.js";

describe.each(backends())("request keys on %s", (backend) => {
  let tdb: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    tdb = await freshDatabase(backend);
    store = await tdb.open();
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.drop();
  });

  it("claims a key once, also when two deliveries race", async () => {
    const results = await Promise.all([claimRequestKey(store.db, "event:Ev1"), claimRequestKey(store.db, "event:Ev1")]);
    expect(results.sort()).toEqual([false, true]);
    expect(await claimRequestKey(store.db, "event:Ev1")).toBe(false);
  });

  it("prunes keys older than the cut-off only", async () => {
    await store.db.processedRequest.create({ data: { key: "event:old", createdAt: new Date("2020-01-01T00:00:00Z") } });
    expect(await pruneRequestKeys(store.db, new Date("2021-01-01T00:00:00Z"))).toBe(1);
    expect(await store.db.processedRequest.findUnique({ where: { key: "event:Ev1" } })).not.toBeNull();
  });
});
