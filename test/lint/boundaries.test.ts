// The lint configuration holds: import boundaries under src/ (shared/DESIGN.md, "Arrows run
// one way"), no import cycles, no `any`, no floating promises. ESLint lints probe text as if it stood at a path
// inside src/: each probe borrows the path of a real file there (found at run time, so the test
// survives files moving), because the type-aware rules need a file that tsconfig.json includes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const BOUNDARY = "import-x/no-restricted-paths";
const CYCLE = "import-x/no-cycle";

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

/** The modules of ours that `file` imports as values (type-only imports left out). */
function valueImportsOf(file: string): string[] {
  const found: string[] = [];
  for (const [, names = "", spec = ""] of readFileSync(file, "utf8").matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+"(\.[^"]+)\.js";$/gm)) {
    const inline = /^\{(.*)\}$/s.exec(names.trim())?.[1];
    if (inline !== undefined && inline.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    const imported = join(dirname(file), `${spec}.ts`);
    if (existsSync(imported)) found.push(imported);
  }
  return found;
}

/** A chain of value imports under src/<dir>, `length` modules long (the first imports the second …). */
function importChain(dir: string, length: number): string[] {
  const extend = (chain: string[]): string[] | null => {
    if (chain.length === length) return chain;
    for (const next of valueImportsOf(chain.at(-1)!)) {
      if (chain.includes(next)) continue;
      const longer = extend([...chain, next]);
      if (longer) return longer;
    }
    return null;
  };
  for (const file of tsFiles(dir)) {
    const chain = extend([file]);
    if (chain) return chain;
  }
  throw new Error(`no chain of ${length} value imports under src/${dir}`);
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

describe("import cycles", () => {
  // Planted inside one layer, so no boundary rule is what fails them: the last module of a chain
  // of real imports imports the first.
  it("a module importing one that imports it back fails; a type-only import back does not", async () => {
    const [first, last] = importChain("domain", 2) as [string, string];
    const back = specifier(last, first);
    const value = await lint(last, `import * as back from "${back}";\nexport const probe = back;\n`);
    expect(rulesOf(value), `${last} → ${back}`).toContain(CYCLE);
    expect(rulesOf(value)).not.toContain(BOUNDARY);
    // Type-only imports are erased: they load nothing, so they close no cycle when the code runs.
    const typeOnly = await lint(last, `import type * as back from "${back}";\nexport type Probe = typeof back;\n`);
    expect(rulesOf(typeOnly), `${last} → type ${back}`).not.toContain(CYCLE);
  }, 120_000);

  it("a cycle through several modules fails", async () => {
    const chain = importChain("domain", 3);
    const [first, last] = [chain[0]!, chain.at(-1)!];
    const messages = await lint(last, `import * as back from "${specifier(last, first)}";\nexport const probe = back;\n`);
    expect(rulesOf(messages), chain.map((f) => relative(root, f)).join(" → ")).toContain(CYCLE);
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
