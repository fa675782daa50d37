import type { Config } from "../config.js";
import type { Environment } from "../domain/environments.js";

/**
 * Where a case's token is tried against Brreg's RRH API: TT02 only, unless RRH_TEST_URL=off. A
 * lookup in production is a real access to personal data that needs the customer's own
 * purpose (DOMAIN.md), so production cases are proven by the token alone.
 */
export function rrhCheckFor(config: Pick<Config, "rrh">, environment: Environment): { url: string } | undefined {
  return environment === "tt02" && config.rrh.testUrl ? { url: config.rrh.testUrl } : undefined;
}
