import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./db.js";

/** A transaction's handle: the store's functions take it (or the Db) as their first argument. */
export type Tx = Prisma.TransactionClient;
export type Queryable = Db | Tx;

// What is to run once a transaction opened by inTransaction has committed (a wake-up for a worker
// that should see its rows): a worker woken before the commit would find nothing.
const commitHooks = new WeakMap<Tx, Array<() => void>>();

/**
 * Runs `work` in one transaction. The service decides what belongs together (a stage change, its
 * reminder and its email); the store only provides the transaction and the queries inside it.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.$transaction((tx) => {
    commitHooks.set(tx, hooks);
    return work(tx);
  });
  for (const hook of hooks) hook();
  return result;
}

/**
 * Runs `hook` after `tx` commits (never when it rolls back). A transaction not opened by
 * inTransaction has no hooks: `hook` then runs on the next turn of the event loop, which may come
 * before the commit (a worker's own polling is the backstop).
 */
export function afterCommit(tx: Tx, hook: () => void): void {
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(hook);
  else setImmediate(hook);
}
