import type { AnyOrder, CustomerAccess, Environment } from "./order.js";
import type { Route } from "./routes.js";
import type { Stage } from "./stages.js";

/** What the rest of the app reads of a stored case: the store parses its rows into this shape. */
export interface CaseRecord {
  id: number;
  reference: string;
  workspaceId: string;
  environment: Environment;
  stage: Stage;
  stageChangedAt: Date;
  vendorOrgnr: string;
  vendorName: string;
  vendorContactName: string;
  vendorContactEmail: string;
  vendorContactPhone: string;
  customerOrgnr: string;
  customerName: string;
  customerContactName: string;
  customerContactEmail: string;
  customerContactPhone: string;
  customerAccess: CustomerAccess;
  /** fictitious: the customer fields are empty; the grant comes from fictitiousOrgnr */
  route: Route;
  /** the fictitious company's org number, once a person confirmed it from Brreg's reply */
  fictitiousOrgnr: string | null;
  /** the scope Brreg gave the fictitious company, as confirmed with it */
  fictitiousScope: string | null;
  scope: string | null;
  ownerUserId: string;
  channelId: string | null;
  threadTs: string | null;
  orderMessageId: string | null;
  closedReason: string | null;
  /** when its personal data gave way to the marker (RETENTION_DAYS after it closed); absent or null while kept */
  personalDataErasedAt?: Date | null;
  /** when the delegation last proved itself (a token; in TT02 also Brreg's API) */
  lastVerifiedAt: Date | null;
  /** when the case last became verified */
  verifiedSince: Date | null;
  /** where Brreg sent the TT02 login (its confirming mail's recipients; in TT02 only), set on the move to awaiting_delegation */
  loginSentTo: string[];
  createdAt: Date;
}

/** The order as the modal collected it, rebuilt from the stored case. */
export function orderOfCase(c: CaseRecord): AnyOrder {
  if (c.route === "fictitious") {
    return {
      route: "fictitious",
      environment: "tt02",
      vendor_orgnr: c.vendorOrgnr,
      vendor_name: c.vendorName,
      vendor_contact_name: c.vendorContactName,
      vendor_contact_email: c.vendorContactEmail,
      vendor_contact_phone: c.vendorContactPhone,
    };
  }
  return {
    environment: c.environment,
    vendor_orgnr: c.vendorOrgnr,
    vendor_name: c.vendorName,
    vendor_contact_name: c.vendorContactName,
    vendor_contact_email: c.vendorContactEmail,
    vendor_contact_phone: c.vendorContactPhone,
    customer_orgnr: c.customerOrgnr,
    customer_name: c.customerName,
    customer_contact_name: c.customerContactName,
    customer_contact_email: c.customerContactEmail,
    customer_contact_phone: c.customerContactPhone,
    customer_access: c.customerAccess,
  };
}

/**
 * The organisation the grant comes from, `consumer_org` in the token request: the customer, or
 * for the fictitious route the fictitious company (null until it is confirmed).
 */
export function consumerOrgnrOf(c: Pick<CaseRecord, "route" | "customerOrgnr" | "fictitiousOrgnr">): string | null {
  return c.route === "fictitious" ? c.fictitiousOrgnr : c.customerOrgnr;
}
