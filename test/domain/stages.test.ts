import { describe, expect, it } from "vitest";
import { buttonsOf, caseButtonLabel, stageButtons } from "../../src/domain/caseActions.js";
import {
  allowedTransitions,
  canMove,
  fictitiousNextAction,
  nextActionOf,
  startsProduction,
  initialStage,
  isOpen,
  nextAction,
  openStages,
  stageLabel,
  stages,
} from "../../src/domain/stages.js";

const chain = ["customer_access_pending", "order_pending", "awaiting_brreg", "awaiting_delegation", "completed", "verified"] as const;

describe("stages", () => {
  it("moves forward one step at a time", () => {
    for (let i = 0; i + 1 < chain.length; i++) expect(canMove(chain[i]!, chain[i + 1]!)).toBe(true);
  });

  it("never skips, goes back or stays", () => {
    for (let i = 0; i < chain.length; i++) {
      for (let j = 0; j < chain.length; j++) {
        if (j !== i + 1) expect(canMove(chain[i]!, chain[j]!), `${chain[i]} → ${chain[j]}`).toBe(false);
      }
    }
  });

  it("cancels any open stage and nothing else", () => {
    for (const s of stages) expect(canMove(s, "cancelled")).toBe(isOpen(s));
    expect(canMove("completed", "cancelled")).toBe(false);
    expect(canMove("cancelled", "order_pending")).toBe(false);
  });

  it("treats completed, verified and cancelled as closed, and a lost delegation as open again", () => {
    expect(openStages).toEqual(["customer_access_pending", "order_pending", "awaiting_brreg", "awaiting_delegation", "delegation_lost"]);
    expect(isOpen("completed")).toBe(false);
    expect(isOpen("verified")).toBe(false);
    expect(isOpen("cancelled")).toBe(false);
    expect(isOpen("delegation_lost")).toBe(true);
    expect(allowedTransitions.cancelled).toEqual([]);
  });

  it("moves a verified case to delegation_lost and back, and closes a lost one only by cancelling", () => {
    expect(allowedTransitions.verified).toEqual(["delegation_lost"]);
    expect(allowedTransitions.delegation_lost).toEqual(["verified", "cancelled"]);
    for (const s of stages) if (s !== "verified") expect(canMove(s, "delegation_lost"), `${s} → delegation_lost`).toBe(false);
    expect(canMove("delegation_lost", "awaiting_delegation")).toBe(false);
    expect(canMove("delegation_lost", "completed")).toBe(false);
    expect(stageLabel.delegation_lost.nb).toBe("Delegeringen virker ikke lenger");
  });

  it("starts according to the customer's access", () => {
    expect(initialStage("confirmed")).toBe("order_pending");
    expect(initialStage("pending")).toBe("customer_access_pending");
  });

  it("has words for every stage in both languages", () => {
    for (const s of stages) {
      expect(stageLabel[s].nb.length).toBeGreaterThan(0);
      expect(stageLabel[s].en.length).toBeGreaterThan(0);
      expect(nextAction[s].nb.length).toBeGreaterThan(0);
      expect(nextAction[s].en.length).toBeGreaterThan(0);
    }
    expect(stageLabel.awaiting_brreg).toEqual({ nb: "Venter på svar fra Brreg", en: "Waiting for Brreg's reply" });
    expect(nextAction.awaiting_delegation.nb).toContain("«Maskinportenadministrasjon»");
    expect(nextAction.awaiting_delegation.nb).toContain("ser appen selv når delegeringen virker");
    expect(nextAction.awaiting_delegation.en).toContain("which scope it holds");
  });

  it("offers the buttons that fit each stage", () => {
    expect(stageButtons).toEqual({
      customer_access_pending: ["customer_access_confirmed", "cancel_case"],
      order_pending: ["cancel_case"],
      awaiting_brreg: ["brreg_confirmed", "cancel_case"],
      awaiting_delegation: ["report_scope", "check_now", "cancel_case"],
      completed: [],
      verified: [],
      delegation_lost: ["check_now", "cancel_case"],
      cancelled: [],
    });
    expect(caseButtonLabel.customer_access_confirmed.nb).toBe("Kunden har fått tilgang");
  });

  it("offers cancel exactly where cancelling is allowed", () => {
    for (const s of stages) expect(stageButtons[s].includes("cancel_case")).toBe(canMove(s, "cancelled"));
  });

  it("quotes the button labels in the next action", () => {
    for (const s of stages) {
      for (const b of stageButtons[s].filter((b) => b !== "cancel_case")) {
        expect(nextAction[s].nb).toContain(`«${caseButtonLabel[b].nb}»`);
        expect(nextAction[s].en).toContain(`“${caseButtonLabel[b].en}”`);
      }
    }
  });

  it("offers no «Start produksjon» on the fictitious route, but a new case with a real customer", () => {
    for (const stage of ["completed", "verified"] as const) {
      expect(startsProduction(stage, "tt02")).toBe(true);
      expect(startsProduction(stage, "tt02", "fictitious")).toBe(false);
      expect(buttonsOf(stage, "tt02", "fictitious")).toEqual(["new_real_customer"]);
      expect(buttonsOf(stage, "tt02")).toEqual(["start_production"]);
    }
    for (const stage of stages.filter((s) => s !== "completed" && s !== "verified")) expect(buttonsOf(stage, "tt02", "fictitious")).toEqual(stageButtons[stage]);
  });

  it("has the fictitious route's next actions in both languages, quoting the buttons it offers", () => {
    for (const s of stages) {
      const action = nextActionOf({ stage: s, route: "fictitious" });
      expect(action).toBe(fictitiousNextAction[s] ?? nextAction[s]);
      for (const b of buttonsOf(s, "tt02", "fictitious").filter((b) => b !== "cancel_case")) {
        expect(action.nb).toContain(`«${caseButtonLabel[b].nb}»`);
        expect(action.en).toContain(`“${caseButtonLabel[b].en}”`);
      }
      expect(nextActionOf({ stage: s, route: "existing" })).toBe(nextAction[s]);
    }
    expect(nextActionOf({ stage: "verified", route: "fictitious" }).nb).toContain("Produksjon krever en ekte kunde");
    expect(nextActionOf({ stage: "awaiting_brreg", route: "fictitious" }).en).toContain("“Confirm fictitious company”");
  });
});
