import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/domain/html.js";
import { fictitiousOrderSchema, isFictitious } from "../../src/domain/order.js";
import { composeFollowUpEmail, composeOrderEmail } from "../../src/domain/orderEmail.js";
import { fictitiousOrder, order } from "./fixtures.js";

const vendorValues = [
  fictitiousOrder.vendor_orgnr,
  fictitiousOrder.vendor_name,
  fictitiousOrder.vendor_contact_name,
  fictitiousOrder.vendor_contact_email,
  fictitiousOrder.vendor_contact_phone,
];

describe("the order of a fictitious customer (TT02 only)", () => {
  it("has the reference, the route and TT02 in its subject", () => {
    const { subject } = composeOrderEmail({ reference: "DLG-31", order: fictitiousOrder });
    expect(subject).toBe("[DLG-31] Bestilling av delegert tilgang via fiktiv virksomhet – Leverandør <Test> AS (920012345) – TT02");
  });

  it("carries exactly the vendor's facts, asks for a fictitious company in plain words, and has no customer block", () => {
    const { text, html } = composeOrderEmail({ reference: "DLG-31", order: fictitiousOrder });
    expect(text).toContain(
      "Systemleverandør\nOrganisasjonsnummer: 920012345\nNavn: Leverandør <Test> AS\nTestansvarlig: Kari O'Nordmann\nE-post til testansvarlig: kari@leverandor.no\nTelefon til testansvarlig: +4791234567",
    );
    // Brreg's own words for what to write (DOMAIN.md).
    expect(text).toContain("Vi ønsker å delegere tilgang selv via en fiktiv virksomhet.");
    expect(text).toContain("Miljø: TT02 (testmiljø)");
    expect(text).toContain("testmiljøet TT02");
    expect(text).toContain("Vår referanse: DLG-31.");
    expect(text).not.toContain("Kunden\n");
    expect(text).not.toContain(order.customer_name);
    expect(text).not.toContain("eksisterende kunde");
    for (const v of vendorValues) expect(html).toContain(escapeHtml(v));
    expect(html).not.toContain("<h3>Kunden</h3>");
    expect(html).not.toContain("<Test>");
    // Every line of the text is Norwegian: no English slips in.
    expect(text).not.toMatch(/\b(the|and|customer|fictitious)\b/i);
  });

  it("follows up in the same words, with the vendor's facts only", () => {
    const original = composeOrderEmail({ reference: "DLG-31", order: fictitiousOrder }).subject;
    const { subject, text } = composeFollowUpEmail({ reference: "DLG-31", order: fictitiousOrder, originalSubject: original, sentAt: new Date("2026-12-01T09:00:00Z") });
    expect(subject).toBe(`Purring: ${original}`);
    expect(text).toContain("bestillingen vår av delegert tilgang via en fiktiv virksomhet i testmiljøet TT02, sendt 1. desember 2026");
    for (const v of vendorValues) expect(text).toContain(v);
    expect(text).not.toContain("Kunden\n");
  });

  it("cannot be ordered for production", () => {
    const { route: _route, environment: _environment, ...vendor } = fictitiousOrder;
    expect(fictitiousOrderSchema.safeParse({ ...vendor, route: "fictitious", environment: "production" }).success).toBe(false);
    expect(fictitiousOrderSchema.safeParse({ ...vendor, route: "fictitious", environment: "tt02" }).success).toBe(true);
  });

  it("tells the two routes apart", () => {
    expect(isFictitious(fictitiousOrder)).toBe(true);
    expect(isFictitious(order)).toBe(false);
  });

  it("refuses a vendor name with a line break, as it goes into the subject", () => {
    expect(() => composeOrderEmail({ reference: "DLG-1", order: { ...fictitiousOrder, vendor_name: "Leverandør\r\nBcc: x@evil.test" } })).toThrow(/line break/);
  });
});
