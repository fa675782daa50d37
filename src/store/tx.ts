import type { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./db.js";

/** A transaction's handle: the store's functions take it (or the Db) as their first argument. */
export type Tx = Prisma.TransactionClient;
export type Queryable = Db | Tx;

/**
 * Runs `work` in one transaction. The service decides what belongs together (a stage change, its
 * reminder and its email); the store only provides the transaction and the queries inside it.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}
