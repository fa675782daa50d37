import { describe, expect, it } from "vitest";
import { actsIn, caseAction, caseActionTable, fromStage } from "../../src/domain/caseActions.js";

describe("the case-action table", () => {
  it("keeps every action_id once", () => {
    const ids = caseActionTable.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("styles the buttons that move a case forward as primary, and cancel plainly", () => {
    const primary = caseActionTable.filter((a) => "style" in a && a.style === "primary").map((a) => a.id);
    expect(primary).toEqual(["customer_access_confirmed", "report_scope", "start_production", "new_real_customer", "confirm_fictitious"]);
  });

  it("gives a one-stage button the stage it moves from, and refuses that for the others", () => {
    expect(fromStage(caseAction("customer_access_confirmed"))).toBe("customer_access_pending");
    expect(fromStage(caseAction("report_scope"))).toBe("awaiting_delegation");
    expect(() => fromStage(caseAction("cancel_case"))).toThrow(/more than one stage/);
    expect(() => fromStage(caseAction("send_to_customer"))).toThrow(/more than one stage/);
  });

  it("lets an 'any' action act in every stage, and the others only in theirs", () => {
    expect(actsIn(caseAction("retry_order"), "cancelled")).toBe(true);
    expect(actsIn(caseAction("check_now"), "delegation_lost")).toBe(true);
    expect(actsIn(caseAction("check_now"), "verified")).toBe(false);
  });
});
