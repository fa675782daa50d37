import { describe, expect, it } from "vitest";
import { codeBlocks } from "../../src/slack/views/codeBlocks.js";

const texts = (text: string) => codeBlocks(text).map((b) => (b.type === "section" ? (b.text?.text ?? "") : ""));

describe("codeBlocks", () => {
  it("fences short text in one block, with <, > and & escaped and no closing fence inside", () => {
    expect(texts("Hei <!channel> & ```x```")).toEqual(["```Hei &lt;!channel&gt; &amp; '''x'''```"]);
  });

  it("cuts long text between paragraphs, every block within Slack's 3000 characters, nothing lost", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i}: ${"æ & ø ".repeat(60).trim()}`);
    const blocks = texts(paragraphs.join("\n\n"));
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(b.length).toBeLessThanOrEqual(3000);
    const joined = blocks.map((b) => b.slice(3, -3)).join("\n\n");
    expect(joined).toBe(paragraphs.join("\n\n").replace(/&/g, "&amp;"));
  });

  it("cuts one overlong line without splitting an entity", () => {
    const blocks = texts("&".repeat(1000));
    for (const b of blocks) {
      expect(b.length).toBeLessThanOrEqual(3000);
      expect(b.slice(3, -3)).toMatch(/^(&amp;)+$/);
    }
    expect(blocks.join("").match(/&amp;/g)).toHaveLength(1000);
  });
});
