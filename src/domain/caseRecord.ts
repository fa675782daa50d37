import type { CustomerAccess, Environment, Order } from "./order.js";
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
  scope: string | null;
  ownerUserId: string;
  channelId: string | null;
  threadTs: string | null;
  orderMessageId: string | null;
  closedReason: string | null;
  /** when the delegation last proved itself (a token; in TT02 also Brreg's API) */
  lastVerifiedAt: Date | null;
  /** when the case last became verified */
  verifiedSince: Date | null;
  createdAt: Date;
}

/** The order as the modal collected it, rebuilt from the stored case. */
export function orderOfCase(c: CaseRecord): Order {
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
