import { describe, expect, it } from "vitest";
import { closedStages, erasedDetails, erasedMarker, retentionCutoff, retentionSlot, withoutErased } from "../../src/domain/personalData.js";

describe("personal data after RETENTION_DAYS", () => {
  it("counts the stages no one works on any more as closed, and a live (verified) delegation as not", () => {
    expect(closedStages).toEqual(["completed", "cancelled"]);
  });

  it("replaces only the personal details of an event, by its kind", () => {
    expect(erasedDetails("customer_mail_queued", { kind: "customer-guidance-1", mail: "delegation_guidance", to: "ola@kunde.no", cc: "kari@leverandor.no" })).toEqual({
      kind: "customer-guidance-1",
      mail: "delegation_guidance",
      to: erasedMarker,
      cc: erasedMarker,
    });
    // A stage event's `to` is the stage; the reason given is a person's words.
    expect(erasedDetails("stage:cancelled", { from: "awaiting_brreg", to: "cancelled", reason: "Ola ombestemte seg" })).toEqual({ from: "awaiting_brreg", to: "cancelled", reason: erasedMarker });
    expect(erasedDetails("stage:awaiting_delegation", { via: "mail", inboundMailId: 3, loginSentTo: "ola@kunde.no" })).toEqual({ via: "mail", inboundMailId: 3, loginSentTo: erasedMarker });
    // The fictitious route's proposal records where Brreg sent the fictitious person's login.
    expect(erasedDetails("fictitious_proposed", { orgnr: "310964719", loginSentTo: "kari@leverandor.no" })).toEqual({ orgnr: "310964719", loginSentTo: erasedMarker });
    expect(erasedDetails("mail_failed", { kind: "order", attempt: 2, error: "550 <ola@kunde.no> unknown" })).toEqual({ kind: "order", attempt: 2, error: erasedMarker });
  });

  it("leaves details with nothing personal in them, empty values and erased ones as they are", () => {
    expect(erasedDetails("stage:awaiting_brreg", { from: "order_pending", to: "awaiting_brreg", messageId: "<dlg-1.x@fjorddata.no>" })).toBeNull();
    expect(erasedDetails("created", { stage: "order_pending", environment: "tt02" })).toBeNull();
    expect(erasedDetails("stage:cancelled", { from: "order_pending", to: "cancelled" })).toBeNull();
    expect(erasedDetails("customer_mail_queued", { to: erasedMarker, cc: "" })).toBeNull();
    expect(erasedDetails("customer_mail_queued", { to: "ola@kunde.no", cc: "" })).toEqual({ to: erasedMarker, cc: "" });
    expect(erasedDetails("stage:cancelled", null)).toBeNull();
    expect(erasedDetails("stage:cancelled", ["reason"])).toBeNull();
  });

  it("claims one pass per six-hour slot of the clock", () => {
    expect(retentionSlot(new Date("2027-12-04T00:00:00Z"))).toBe("2027-12-04T00");
    expect(retentionSlot(new Date("2027-12-04T05:59:59Z"))).toBe("2027-12-04T00");
    expect(retentionSlot(new Date("2027-12-04T06:00:00Z"))).toBe("2027-12-04T06");
    expect(retentionSlot(new Date("2027-12-04T23:30:00Z"))).toBe("2027-12-04T18");
    expect(retentionCutoff(new Date("2027-12-04T10:00:00Z"), 365)).toEqual(new Date("2026-12-04T10:00:00Z"));
  });

  it("leaves erased fields out of a form prefilled from the case", () => {
    expect(withoutErased({ customer_name: "Kunde AS", customer_contact_name: erasedMarker, customer_contact_email: erasedMarker })).toEqual({ customer_name: "Kunde AS" });
  });
});
