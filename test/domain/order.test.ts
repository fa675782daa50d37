import { describe, expect, it } from "vitest";
import {
  customerPartSchema,
  customerPartSchemaAgainst,
  orderFieldIds,
  orderSchema,
  validateCustomerPart,
  validateFields,
  vendorPartSchema,
} from "../../src/domain/order.js";
import { rawOrder } from "./fixtures.js";

describe("orderSchema", () => {
  it("normalises a complete order", () => {
    expect(orderSchema.parse(rawOrder)).toEqual({
      environment: "tt02",
      vendor_orgnr: "920012345",
      vendor_name: "Leverandør AS",
      vendor_contact_name: "Kari Nordmann",
      vendor_contact_email: "kari@leverandor.no",
      vendor_contact_phone: "+4791234567",
      customer_orgnr: "812345672",
      customer_name: "Kunde & Sønn AS",
      customer_contact_name: "Ola Nordmann",
      customer_contact_email: "ola@kunde.no",
      customer_contact_phone: "+46701234567",
      customer_access: "confirmed",
    });
  });

  it("lists exactly the modal's field ids", () => {
    expect([...orderFieldIds].sort()).toEqual(Object.keys(rawOrder).sort());
  });

  it("rejects a customer with the vendor's orgnr, on the customer_orgnr field", () => {
    const r = validateFields(orderSchema, { ...rawOrder, customer_orgnr: "920012345" });
    expect(r).toEqual({ ok: false, errors: { customer_orgnr: "orgnr.same_as_vendor" } });
  });

  it("compares normalised orgnrs", () => {
    const r = validateFields(orderSchema, { ...rawOrder, customer_orgnr: "920012345", vendor_orgnr: "920\u00A0012 345" });
    expect(r.ok).toBe(false);
  });
});

describe("validateFields", () => {
  it("returns the parsed value", () => {
    const r = validateFields(vendorPartSchema, rawOrder);
    expect(r.ok && r.value.vendor_contact_phone).toBe("+4791234567");
  });

  it("gives one code per field, the first one", () => {
    const r = validateFields(vendorPartSchema, {
      environment: "staging",
      vendor_orgnr: "123456789",
      vendor_name: "X",
      vendor_contact_name: "Kari\nBcc: evil",
      vendor_contact_email: "not-an-email",
      vendor_contact_phone: "0046 70 123 45 67",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        environment: "environment.invalid",
        vendor_orgnr: "orgnr.checksum",
        vendor_name: "name.length",
        vendor_contact_name: "name.control",
        vendor_contact_email: "email.invalid",
        vendor_contact_phone: "phone.foreign_needs_plus",
      },
    });
  });

  it("reports missing fields (Slack sends null) as required", () => {
    const r = validateFields(orderSchema, { ...rawOrder, environment: null, customer_name: null, customer_access: undefined });
    expect(r).toEqual({
      ok: false,
      errors: { environment: "field.required", customer_name: "field.required", customer_access: "field.required" },
    });
  });

  it("rejects an unknown customer_access value", () => {
    const r = validateFields(orderSchema, { ...rawOrder, customer_access: "maybe" });
    expect(r).toEqual({ ok: false, errors: { customer_access: "customer_access.invalid" } });
  });

  it("validates the customer part alone, and against the vendor", () => {
    expect(validateFields(customerPartSchema, rawOrder).ok).toBe(true);
    expect(validateFields(customerPartSchemaAgainst("920012345"), rawOrder).ok).toBe(true);
    expect(validateFields(customerPartSchemaAgainst("812345672"), rawOrder)).toEqual({
      ok: false,
      errors: { customer_orgnr: "orgnr.same_as_vendor" },
    });
  });

  it("says the same number in the same round as the customer part's other errors", () => {
    expect(validateCustomerPart({ ...rawOrder, customer_orgnr: "812 345 672", customer_contact_email: "ola@" }, "812345672")).toEqual({
      ok: false,
      errors: { customer_orgnr: "orgnr.same_as_vendor", customer_contact_email: "email.invalid" },
    });
    expect(validateCustomerPart(rawOrder, "920012345").ok).toBe(true);
  });

  it("does not crash when the refinement meets invalid fields", () => {
    const r = validateFields(orderSchema, { ...rawOrder, vendor_orgnr: 42, customer_orgnr: "abc" });
    expect(r).toEqual({ ok: false, errors: { vendor_orgnr: "field.invalid", customer_orgnr: "orgnr.format" } });
  });
});
