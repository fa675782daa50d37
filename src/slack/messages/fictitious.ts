import type { Catalog } from "./locale.js";

// The fictitious-customer route (TT02 only): how a case without a customer is named, Brreg's
// fictitious company as the app proposes it, its confirmation, and what the vendor does itself.
// Arguments are already escaped for mrkdwn.
const nb = {
  route: "Vei",
  routeName: "Fiktiv kunde (TT02)",
  /** how lists and titles name the case's "customer" */
  label: "fiktiv kunde",
  labelWith: (orgnr: string) => `fiktiv kunde (${orgnr})`,
  company: "Fiktiv virksomhet",
  notConfirmed: "ikke bekreftet ennå",
};

const en: typeof nb = {
  route: "Route",
  routeName: "Fictitious customer (TT02)",
  label: "fictitious customer",
  labelWith: (orgnr) => `fictitious customer (${orgnr})`,
  company: "Fictitious company",
  notConfirmed: "not confirmed yet",
};

export const fictitiousText: Catalog<typeof nb> = { nb, en };
