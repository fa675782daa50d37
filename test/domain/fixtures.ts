import type { FictitiousOrder, Order } from "../../src/domain/order.js";

// As the modal submits it: spaced numbers, mixed-case email, a foreign phone.
export const rawOrder = {
  environment: "tt02",
  vendor_orgnr: "920 012 345",
  vendor_name: "Leverandør AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "Kari@Leverandor.no",
  vendor_contact_phone: "912 34 567",
  customer_orgnr: "812345672",
  customer_name: "Kunde & Sønn AS",
  customer_contact_name: "Ola Nordmann",
  customer_contact_email: "ola@kunde.no",
  customer_contact_phone: "+46 70 123 45 67",
  customer_access: "confirmed",
};

// Values chosen so that HTML escaping shows: &, <, >, quotes.
export const order: Order = {
  environment: "tt02",
  vendor_orgnr: "920012345",
  vendor_name: "Leverandør <Test> AS",
  vendor_contact_name: "Kari O'Nordmann",
  vendor_contact_email: "kari@leverandor.no",
  vendor_contact_phone: "+4791234567",
  customer_orgnr: "812345672",
  customer_name: 'Kunde & Sønn "Holding" AS',
  customer_contact_name: "Ola Nordmann",
  customer_contact_email: "ola@kunde.no",
  customer_contact_phone: "+46701234567",
  customer_access: "confirmed",
};

/** The same vendor asking Brreg for a fictitious customer in TT02. */
export const fictitiousOrder: FictitiousOrder = {
  route: "fictitious",
  environment: "tt02",
  vendor_orgnr: order.vendor_orgnr,
  vendor_name: order.vendor_name,
  vendor_contact_name: order.vendor_contact_name,
  vendor_contact_email: order.vendor_contact_email,
  vendor_contact_phone: order.vendor_contact_phone,
};
