import { describe, expect, it } from "vitest";
import { identityNumberPlaceholder } from "../../src/domain/identityNumbers.js";
import { back, orderOf, previousStep, stepOfCallback, submitRoute, submitStep } from "../../src/slack/intake/wizard.js";
import { decodeDraft, encodeDraft } from "../../src/slack/views/orderModalDraft.js";

const vendor = {
  environment: "tt02",
  vendor_orgnr: "920 012 345",
  vendor_name: "Fjorddata Systemer AS",
  vendor_contact_name: "Kari Nordmann",
  vendor_contact_email: "Kari@Fjorddata.no",
  vendor_contact_phone: "912 34 567",
};
const customer = {
  customer_orgnr: "812345672",
  customer_name: "Nordlys Regnskap og Revisjon AS",
  customer_contact_name: "Ola Nordmann",
  customer_contact_email: "ola@nordlys.no",
  customer_contact_phone: "0047 48 12 34 56",
};

describe("the order wizard (pure)", () => {
  it("goes vendor → customer → access → review, normalising what each step accepts", () => {
    const one = submitStep("vendor", {}, vendor);
    expect(one).toMatchObject({ kind: "next", step: "customer", draft: { vendor_orgnr: "920012345", vendor_contact_email: "kari@fjorddata.no" } });
    if (one.kind !== "next") throw new Error("expected next");
    const two = submitStep("customer", one.draft, customer);
    expect(two).toMatchObject({ kind: "next", step: "access", draft: { customer_contact_phone: "+4748123456" } });
    if (two.kind !== "next") throw new Error("expected next");
    const three = submitStep("access", two.draft, { customer_access: "pending" });
    expect(three).toMatchObject({ kind: "review", order: { customer_access: "pending", vendor_orgnr: "920012345", customer_orgnr: "812345672" } });
  });

  it("gives every invalid field its error in one round, the same-number rule included", () => {
    const draft = { vendor_orgnr: "920012345" };
    const r = submitStep("customer", draft, { ...customer, customer_orgnr: "920 012 345", customer_contact_email: "ola@" });
    expect(r).toEqual({ kind: "errors", errors: { customer_orgnr: "orgnr.same_as_vendor", customer_contact_email: expect.any(String) } });
    expect(submitStep("access", {}, { customer_access: null })).toMatchObject({ kind: "errors", errors: { customer_access: expect.any(String) } });
  });

  it("sends a stored draft that no longer validates back to its first bad step", () => {
    const draft = { ...decodeDraft(encodeDraft({})), customer_access: "confirmed" };
    expect(submitStep("access", draft, { customer_access: "confirmed" })).toMatchObject({ kind: "next", step: "vendor" });
    expect(orderOf({ ...vendor, vendor_orgnr: "920012345", environment: "tt02" })).toMatchObject({ kind: "next", step: "customer" });
  });

  it("Back keeps what was typed on the step, submitted or not, and stops at the route", () => {
    const draft = { customer_name: "Nordlys AS", customer_contact_email: "ola@nordlys.no" };
    expect(back("customer", draft, { customer_name: "Nordlys Holding AS", customer_contact_email: "ola@", customer_orgnr: null })).toEqual({
      step: "vendor",
      draft: { customer_name: "Nordlys Holding AS", customer_contact_email: "ola@" },
    });
    expect(back("review", { customer_access: "pending" }, {})).toEqual({ step: "access", draft: { customer_access: "pending" } });
    expect(back("vendor", {}, {})).toEqual({ step: "route", draft: {} });
    expect(back("route", { route: "existing" }, {})).toBeNull();
    // «Start produksjon» comes with its route: its step 1 is the first.
    expect(back("vendor", { origin: "DLG-3", route: "existing" }, {})).toBeNull();
    expect(previousStep("access")).toBe("customer");
    expect(stepOfCallback("order_review")).toBe("review");
    expect(stepOfCallback("order_done")).toBeNull();
  });

  it("Back never carries a national identity number in the draft it sends back to Slack", () => {
    const typed = { customer_contact_name: "Ola 010199 12345", customer_contact_phone: "01019912345", customer_name: "Nordlys AS" };
    const r = back("customer", { vendor_name: "Fjorddata AS" }, typed);
    expect(r?.draft.customer_contact_name).toBe(`Ola ${identityNumberPlaceholder}`);
    expect(r?.draft.customer_contact_phone).toBe(identityNumberPlaceholder);
    expect(r?.draft.customer_name).toBe("Nordlys AS");
    const metadata = encodeDraft(r!.draft);
    expect(metadata).not.toMatch(/010199|01019912345|12345/);
    // A phone number the field accepts stays as typed, even with 11 digits in a row.
    expect(back("customer", {}, { customer_contact_phone: "+46701234567" })?.draft.customer_contact_phone).toBe("+46701234567");
  });

  it("asks the route first and refuses an answer that is none of the two", () => {
    expect(submitRoute({}, null)).toEqual({ kind: "errors", errors: { route: "field.required" } });
    expect(submitRoute({}, "production")).toEqual({ kind: "errors", errors: { route: "route.invalid" } });
    expect(submitRoute({ vendor_name: "Fjorddata AS" }, "fictitious")).toEqual({ kind: "next", step: "vendor", draft: { vendor_name: "Fjorddata AS", route: "fictitious" } });
    expect(stepOfCallback("order_route")).toBe("route");
  });

  it("goes route → vendor → review for a fictitious customer, with no environment and no customer", () => {
    const { environment: _environment, ...vendorOnly } = vendor;
    const one = submitStep("vendor", { route: "fictitious" }, { ...vendorOnly, environment: null });
    expect(one).toEqual({
      kind: "review",
      order: {
        route: "fictitious",
        environment: "tt02",
        vendor_orgnr: "920012345",
        vendor_name: "Fjorddata Systemer AS",
        vendor_contact_name: "Kari Nordmann",
        vendor_contact_email: "kari@fjorddata.no",
        vendor_contact_phone: "+4791234567",
      },
      draft: expect.objectContaining({ route: "fictitious", vendor_orgnr: "920012345" }),
    });
    expect(previousStep("review", { route: "fictitious" })).toBe("vendor");
    expect(previousStep("review", { route: "existing" })).toBe("access");
    expect(back("review", { route: "fictitious", vendor_name: "Fjorddata AS" }, {})).toEqual({ step: "vendor", draft: { route: "fictitious", vendor_name: "Fjorddata AS" } });
  });

  it("orders a fictitious customer for TT02 only, whatever environment a draft carries", () => {
    // Production chosen on the existing route's step 1, then Back to the route and fictitious.
    const draft = { ...vendor, environment: "production", vendor_orgnr: "920012345", vendor_contact_email: "kari@fjorddata.no", vendor_contact_phone: "+4791234567", route: "fictitious" as const };
    const whole = orderOf(draft);
    expect(whole).toMatchObject({ kind: "order", order: { route: "fictitious", environment: "tt02" } });
    const decoded = decodeDraft(encodeDraft(draft));
    expect(decoded.route).toBe("fictitious");
    expect(orderOf(decoded)).toMatchObject({ kind: "order", order: { environment: "tt02" } });
  });
});
