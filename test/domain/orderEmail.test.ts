import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/domain/html.js";
import type { Order } from "../../src/domain/order.js";
import { composeFollowUpEmail, composeOrderEmail } from "../../src/domain/orderEmail.js";
import { order } from "./fixtures.js";

const values = (o: Order) => Object.entries(o).filter(([k]) => k !== "environment" && k !== "customer_access").map(([, v]) => v);

describe("composeOrderEmail", () => {
  it("has the exact subject for TT02", () => {
    const { subject } = composeOrderEmail({ reference: "DLG-12", order });
    expect(subject).toBe('[DLG-12] Bestilling av delegert tilgang – Kunde & Sønn "Holding" AS (812345672) – TT02');
  });

  it("has the exact subject for production", () => {
    const { subject } = composeOrderEmail({ reference: "DLG-7", order: { ...order, environment: "production" } });
    expect(subject).toBe('[DLG-7] Bestilling av delegert tilgang – Kunde & Sønn "Holding" AS (812345672) – produksjon');
    expect(subject).toContain(" \u2013 ");
  });

  it("puts every field value in the text body", () => {
    const { text } = composeOrderEmail({ reference: "DLG-12", order });
    for (const v of values(order)) expect(text).toContain(v);
    expect(text).toContain("DLG-12");
    expect(text).toContain("Systemleverandør\nOrganisasjonsnummer: 920012345\nNavn: Leverandør <Test> AS\nTestansvarlig: Kari O'Nordmann");
    expect(text).toContain("Kunden\nOrganisasjonsnummer: 812345672");
    expect(text).toContain("Miljø: TT02");
    expect(text).toMatch(/^Hei,/);
    expect(text).toContain("systemleverandør");
    expect(text).toContain("delegert tilgang");
    expect(text).toContain("eksisterende kunde i testmiljøet TT02");
    expect(text).toContain("fiktiv person");
  });

  it("puts every field value, escaped, in the HTML body", () => {
    const { html } = composeOrderEmail({ reference: "DLG-12", order });
    for (const v of values(order)) expect(html).toContain(escapeHtml(v));
    expect(html).toContain("Leverandør &lt;Test&gt; AS");
    expect(html).toContain("Kunde &amp; Sønn &quot;Holding&quot; AS");
    expect(html).toContain("Kari O&#39;Nordmann");
    expect(html).not.toContain("<Test>");
    expect(html).toContain("<h3>Systemleverandør</h3>");
    expect(html).toContain("<h3>Kunden</h3>");
    expect(html).toContain("DLG-12");
  });

  it("does not ask for a fictitious person in production", () => {
    const { text, html } = composeOrderEmail({ reference: "DLG-12", order: { ...order, environment: "production" } });
    expect(text).not.toContain("fiktiv");
    expect(html).not.toContain("fiktiv");
    expect(text).toContain("Miljø: Produksjon");
    expect(text).toContain("produksjonsmiljøet");
  });

  it.each(["\r", "\n", "\r\n"])("throws on %j in the customer name", (br) => {
    expect(() => composeOrderEmail({ reference: "DLG-1", order: { ...order, customer_name: `Kunde${br}Bcc: x@evil.test` } })).toThrow(
      /line break/,
    );
  });

  it("throws on a line break in the customer orgnr or reference", () => {
    expect(() => composeOrderEmail({ reference: "DLG-1", order: { ...order, customer_orgnr: "812345672\n" } })).toThrow();
    expect(() => composeOrderEmail({ reference: "DLG-1\nBcc: x", order })).toThrow();
    expect(() => composeOrderEmail({ reference: "12", order })).toThrow(/DLG-/);
  });
});

describe("composeFollowUpEmail", () => {
  const original = composeOrderEmail({ reference: "DLG-12", order }).subject;
  const sentAt = new Date("2025-11-23T23:30:00Z"); // already 24 November in Oslo

  it("prefixes the original subject with Purring", () => {
    const { subject } = composeFollowUpEmail({ reference: "DLG-12", order, originalSubject: original, sentAt });
    expect(subject).toBe(`Purring: ${original}`);
  });

  it("refers to the original in Norwegian with the Oslo date and repeats every value", () => {
    const { text, html } = composeFollowUpEmail({ reference: "DLG-12", order, originalSubject: original, sentAt });
    expect(text).toContain("24. november 2025");
    expect(text).toContain("Vi viser til bestillingen");
    expect(text).toContain("DLG-12");
    for (const v of values(order)) {
      expect(text).toContain(v);
      expect(html).toContain(escapeHtml(v));
    }
    expect(html).not.toContain("<Test>");
  });

  it("throws on a line break in the original subject", () => {
    expect(() =>
      composeFollowUpEmail({ reference: "DLG-12", order, originalSubject: `${original}\r\nBcc: x@evil.test`, sentAt }),
    ).toThrow(/line break/);
  });
});
