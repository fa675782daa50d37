import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCase } from "../../src/service/cases.js";
import type { Store } from "../../src/store/db.js";
import {
  claimDueNotices,
  insertNotices,
  latestOwedRootId,
  markNoticePosted,
  nextNoticeDueAt,
  noticesOfCase,
  releaseNotice,
  renewNoticeLeases,
  retryNoticeAt,
  settleNotice,
  supersedeRootRows,
  type ClaimedNotice,
} from "../../src/store/slackNotices.js";
import { order } from "../domain/fixtures.js";
import { backends, freshDatabase, hasPostgres, useTestStore, type TestDatabase } from "../support/db.js";
import { testRuntime } from "../support/runtime.js";

const t0 = new Date("2026-12-04T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lease = { leaseMs: 60_000, workerId: "worker-a", limit: 50 };

describe.each(backends())("Slack notice rows on %s", (backend) => {
  const test = useTestStore(backend);
  let store: Store;
  let keys = 0;
  beforeEach(async () => {
    store = test.store;
    await store.db.slackNotice.deleteMany({});
  });

  async function newCaseId(): Promise<number> {
    const { case: c } = await createCase(testRuntime(store.db, t0), { order, workspaceId: "T1", ownerUserId: "U1", creationKey: `notice-${++keys}` });
    return c.id;
  }
  const ids = (rows: ClaimedNotice[]) => rows.map((r) => r.id);

  it("posts a case's rows in the order written, one lane at a time, the owner's DMs beside the thread", async () => {
    const a = await newCaseId();
    const b = await newCaseId();
    await insertNotices(
      store.db,
      [
        { caseId: a, kind: "root", target: "root", payload: {} },
        { caseId: a, kind: "created", target: "thread", payload: { kind: "created", actor: "U1" } },
        { caseId: a, kind: "brreg_confirmed", target: "dm", userId: "U1", payload: { kind: "brreg_confirmed" } },
        { caseId: b, kind: "root", target: "root", payload: {} },
        { caseId: null, kind: "unmatched_mail", target: "channel", payload: { kind: "unmatched_mail" } },
      ],
      t0,
    );
    const createdA = (await noticesOfCase(store.db, a)).find((r) => r.kind === "created");

    const first = await claimDueNotices(store.db, t0, lease);
    // The head of each lane: a's root (not its thread notice, which waits), a's DM, b's root, the channel notice.
    expect(first.map((r) => r.kind)).toEqual(["root", "brreg_confirmed", "root", "unmatched_mail"]);
    expect(ids(first)).not.toContain(createdA!.id);
    expect(first.every((r) => r.attempts === 1 && !r.checkFirst && r.leasedBy === "worker-a")).toBe(true);

    // Nothing more is due while they are leased and owed.
    expect(await claimDueNotices(store.db, t0, { ...lease, workerId: "worker-b" })).toEqual([]);

    // a's root is posted: its thread notice comes next.
    expect(await markNoticePosted(store.db, first[0]!, "1.000001", t0)).toBe(true);
    const second = await claimDueNotices(store.db, t0, lease);
    expect(ids(second)).toEqual([createdA!.id]);
  });

  it("keeps a failing row's later rows waiting, and lets them go once it is settled", async () => {
    const a = await newCaseId();
    await insertNotices(
      store.db,
      [
        { caseId: a, kind: "moved", target: "thread", payload: { kind: "moved" } },
        { caseId: a, kind: "completed", target: "thread", payload: { kind: "completed" } },
      ],
      t0,
    );
    const [first] = await claimDueNotices(store.db, t0, lease);
    expect(await retryNoticeAt(store.db, first!, { at: at(30), errorKind: "transient", error: "service_unavailable", uncertain: false })).toBe(true);
    // Neither is due before the retry time: the second waits behind the first.
    expect(await claimDueNotices(store.db, at(10), lease)).toEqual([]);
    expect(await nextNoticeDueAt(store.db)).toEqual(at(30));
    const retried = await claimDueNotices(store.db, at(30), lease);
    expect(retried.map((r) => [r.id, r.attempts, r.error])).toEqual([[first!.id, 2, "service_unavailable"]]);
    // Refused for good: the next one goes.
    expect(await settleNotice(store.db, retried[0]!, { status: "failed", errorKind: "refused", error: "invalid_blocks" }, at(30))).toBe(true);
    expect((await claimDueNotices(store.db, at(30), lease)).map((r) => r.kind)).toEqual(["completed"]);
  });

  it("gives a row whose worker died to another worker after the lease, marked to be looked for first", async () => {
    const a = await newCaseId();
    await insertNotices(store.db, [{ caseId: a, kind: "created", target: "thread", payload: { kind: "created", actor: "U1" } }], t0);
    const [dead] = await claimDueNotices(store.db, t0, lease);
    // Renewed at 50 s for another lease: not another worker's before 110 s.
    expect(await renewNoticeLeases(store.db, [dead!.id], "worker-a", at(110))).toBe(1);
    expect(await claimDueNotices(store.db, at(109), { ...lease, workerId: "worker-b" })).toEqual([]);
    const [taken] = await claimDueNotices(store.db, at(110), { ...lease, workerId: "worker-b" });
    expect(taken).toMatchObject({ id: dead!.id, attempts: 2, leasedBy: "worker-b", checkFirst: true });
    // The dead worker's claim settles nothing any more.
    expect(await markNoticePosted(store.db, dead!, "1.1", at(51))).toBe(false);
    expect(await markNoticePosted(store.db, taken!, "1.2", at(51))).toBe(true);
    const [row] = await noticesOfCase(store.db, a);
    expect(row).toMatchObject({ status: "posted", postedTs: "1.2" });
  });

  it("gives back a row never tried, without counting the attempt", async () => {
    const a = await newCaseId();
    await insertNotices(store.db, [{ caseId: a, kind: "created", target: "thread", payload: { kind: "created", actor: "U1" } }], t0);
    const [claimed] = await claimDueNotices(store.db, t0, lease);
    expect(await releaseNotice(store.db, claimed!, at(2))).toBe(true);
    const [again] = await claimDueNotices(store.db, at(2), lease);
    expect(again).toMatchObject({ attempts: 1, checkFirst: false });
  });

  it("collapses the root rows owed up to the case as read into one post", async () => {
    const a = await newCaseId();
    await insertNotices(
      store.db,
      [
        { caseId: a, kind: "root", target: "root", payload: {} },
        { caseId: a, kind: "moved", target: "thread", payload: { kind: "moved" } },
        { caseId: a, kind: "root", target: "root", payload: {} },
      ],
      t0,
    );
    const [root] = await claimDueNotices(store.db, t0, lease);
    const latest = await latestOwedRootId(store.db, a);
    expect(latest).toBeGreaterThan(root!.id);
    await markNoticePosted(store.db, root!, "1.5", t0);
    expect(await supersedeRootRows(store.db, a, latest!, "1.5", t0)).toBe(1);
    const rows = await noticesOfCase(store.db, a);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ["root", "posted"],
      ["moved", "pending"],
      ["root", "posted"],
    ]);
  });

  it("reads a notice back as written, dates included", async () => {
    const a = await newCaseId();
    const notice = { kind: "order_sent", to: ["opendata@brreg.no"], cc: [], at: at(5), note: undefined };
    await insertNotices(store.db, [{ caseId: a, kind: notice.kind, target: "thread", payload: notice }], t0);
    const [claimed] = await claimDueNotices(store.db, t0, lease);
    expect(claimed!.payload).toEqual({ kind: "order_sent", to: ["opendata@brreg.no"], cc: [], at: at(5) });
  });
});

describe.skipIf(!hasPostgres())("two workers claiming at once on PostgreSQL", () => {
  let tdb: TestDatabase;
  let one: Store;
  let two: Store;
  beforeAll(async () => {
    tdb = await freshDatabase("postgresql");
    one = await tdb.open();
    two = await tdb.open();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await tdb?.drop();
  });

  it("never hands one row to both, and never a case's later row beside its earlier one", async () => {
    const rt = testRuntime(one.db, t0);
    const cases: number[] = [];
    for (let i = 0; i < 20; i++) cases.push((await createCase(rt, { order, workspaceId: "T1", ownerUserId: "U1", creationKey: `pg-${i}` })).case.id);
    await insertNotices(
      one.db,
      cases.flatMap((caseId) => [1, 2, 3].map((n) => ({ caseId, kind: "moved", target: "thread" as const, payload: { n } }))),
      t0,
    );
    const claims = await Promise.all([one, two, one, two].map((s, i) => claimDueNotices(s.db, t0, { ...lease, workerId: `w${i}`, limit: 7 })));
    const claimed = claims.flat();
    expect(new Set(claimed.map((r) => r.id)).size).toBe(claimed.length);
    // At most one row of a case at a time, and it is the case's first.
    const byCase = new Map<number, ClaimedNotice[]>();
    for (const r of claimed) byCase.set(r.caseId!, [...(byCase.get(r.caseId!) ?? []), r]);
    for (const rows of byCase.values()) {
      expect(rows).toHaveLength(1);
      expect((rows[0]!.payload as { n: number }).n).toBe(1);
    }
  });
});
