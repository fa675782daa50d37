import { describe, expect, it } from "vitest";
import { decodeDraft, encodeDraft } from "../../src/slack/views/orderModalDraft.js";

describe("the order draft in private_metadata", () => {
  it("keeps a name of 200 characters whole, emoji counted as one each", () => {
    const name = "😀".repeat(199) + "A";
    expect(Array.from(name)).toHaveLength(200);
    expect(decodeDraft(encodeDraft({ customer_name: name })).customer_name).toBe(name);
  });

  it("carries no raw < or > (Slack's special syntax), and reads them back", () => {
    const encoded = encodeDraft({ vendor_name: "<!channel> AS" });
    expect(encoded).not.toMatch(/[<>]/);
    expect(decodeDraft(encoded).vendor_name).toBe("<!channel> AS");
  });

  it("reads a foreign or broken value as an empty draft", () => {
    expect(decodeDraft("not json")).toEqual({});
    expect(decodeDraft(JSON.stringify({ d: ["x"] }))).toEqual({});
  });
});
