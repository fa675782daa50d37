import pg from "pg";

/** One template per test run, so parallel runs on one server never drop each other's. */
export function templateName(runId: string | number): string {
  return `delegering_tpl_${runId}`;
}

export async function withDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
