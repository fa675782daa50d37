// The lint configuration holds: import boundaries under src/ (shared/DESIGN.md, "Arrows run
// one way"), no `any`, no floating promises. ESLint lints probe text as if it stood at a path
// inside src/: each probe borrows the path of a real file there (found at run time, so the test
// survives files moving), because the type-aware rules need a file that tsconfig.json includes.
import { readdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const BOUNDARY = "import-x/no-restricted-paths";

/** Every .ts file under src/<dir>, sorted, as absolute paths. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(root, "src", dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(root, "src", dir, f));
}

function firstFile(dir: string, minDepth = 0): string {
  const found = tsFiles(dir).find((f) => relative(join(root, "src", dir), f).split(sep).length > minDepth);
  if (!found) throw new Error(`no .ts file under src/${dir} at depth ${minDepth}`);
  return found;
}

/** The ESM specifier ("../../store/cases.js") by which `from` imports the module `to`. */
function specifier(from: string, to: string): string {
  const rel = relative(dirname(from), to).split(sep).join("/").replace(/\.ts$/, ".js");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

let eslint: ESLint;
async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages;
}
const rulesOf = (messages: Linter.LintMessage[]) => messages.map((m) => m.ruleId);

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe("import boundaries", () => {
  it("domain/ importing slack/ fails", async () => {
    const file = firstFile("domain");
    const messages = await lint(file, `export * from "${specifier(file, firstFile("slack"))}";\n`);
    expect(rulesOf(messages)).toContain(BOUNDARY);
  }, 120_000);

  it("slack/ importing store/ fails, value or type-only, however deep the file sits", async () => {
    const store = firstFile("store");
    for (const file of [firstFile("slack"), firstFile("slack", 2)]) {
      const value = await lint(file, `import * as s from "${specifier(file, store)}";\nexport const probe = s;\n`);
      expect(rulesOf(value), `${file} → ${specifier(file, store)}`).toContain(BOUNDARY);
      const typeOnly = await lint(file, `import type * as s from "${specifier(file, store)}";\nexport type Probe = typeof s;\n`);
      expect(rulesOf(typeOnly), `${file} → type ${specifier(file, store)}`).toContain(BOUNDARY);
    }
  }, 120_000);

  it("slack/ importing mail/ fails; slack/ importing service/ passes", async () => {
    const file = firstFile("slack", 2);
    expect(rulesOf(await lint(file, `export * from "${specifier(file, firstFile("mail"))}";\n`))).toContain(BOUNDARY);
    const messages = await lint(file, `import * as s from "${specifier(file, firstFile("service"))}";\nexport const probe = s;\n`);
    expect(messages).toEqual([]);
  }, 120_000);
});

describe("typescript-eslint rules", () => {
  it("`any` fails", async () => {
    const messages = await lint(firstFile("domain"), "export const probe: any = 1;\n");
    expect(rulesOf(messages)).toContain("@typescript-eslint/no-explicit-any");
  }, 120_000);

  it("a floating promise fails", async () => {
    const code = "async function later(): Promise<number> {\n  return Promise.resolve(1);\n}\nlater();\n";
    const messages = await lint(firstFile("domain"), code);
    expect(rulesOf(messages)).toContain("@typescript-eslint/no-floating-promises");
  }, 120_000);
});
