import { consumerOrgnrOf, type CaseRecord } from "./caseRecord.js";
import { csvRow } from "./eventsCsv.js";

// The vendor's list of live delegations (`/delegering aktive`) as a file for its own
// integration settings: one row per verified or lost delegation, semicolon-separated, with
// fixed English column names and plain values (ISO 8601 times in UTC), CRLF line ends. The orgnr
// is the one the integration sends as consumer_org: on the fictitious route the fictitious
// company's, whose name is then the plain value "fictitious" (the case has no customer).

export const liveDelegationsHeader = ["orgnr", "name", "environment", "scope", "stage", "verified_since", "last_verified"] as const;

export function liveDelegationsCsv(cases: readonly CaseRecord[]): string {
  const rows = cases.map((c) =>
    csvRow([consumerOrgnrOf(c) ?? "", c.route === "fictitious" ? "fictitious" : c.customerName, c.environment, c.scope ?? "", c.stage, c.verifiedSince?.toISOString() ?? "", c.lastVerifiedAt?.toISOString() ?? ""], ";"),
  );
  return `${[csvRow(liveDelegationsHeader, ";"), ...rows].join("\r\n")}\r\n`;
}
