// ESLint for this repository; /eslint.config.js re-exports it.
//
// Why a workspace of its own: typescript-eslint calls TypeScript's JS API
// (createProgram, the project service, the checker). TypeScript 7 (the native
// port the project compiles with) ships no such API, and typescript-eslint
// 8.x supports TypeScript >=4.8.4 <6.1.0. So this package depends on
// TypeScript 6.0, which npm nests in tools/eslint/node_modules, while the
// root's `tsc` stays TypeScript 7. Type information for the type-aware rules
// therefore comes from TypeScript 6.0 reading the same tsconfig.json.
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Import boundaries under src/ ("Arrows run one way", shared/DESIGN.md).
// Each zone is an allow-list: a file under `target` may import nothing under
// src/ except the paths in `allow` (relative to src/). Imports are resolved
// (relative specifiers, `.js` specifiers that name `.ts` files), so a
// boundary holds however deep the importing file sits. Type-only imports and
// re-exports count. Not in any zone, so free: src/app.ts (composition root)
// and src/main.ts; only main.ts may import app.ts because no zone allows it.
const shared = ["./within.ts"];
// The settings: config.ts and the Maskinporten clients it reads (maskinportenSettings.ts).
const config = ["./config.ts", "./maskinportenSettings.ts"];
const layers = [
  { target: "domain", allow: ["./domain"] },
  { target: "store", allow: ["./store", "./domain", "./generated", ...shared] },
  {
    target: "service",
    // integrations/ are the outbound adapters (Maskinporten, Enhetsregisteret): the ports the
    // services call out through.
    allow: ["./service", "./domain", "./store", "./integrations", ...config, "./runtime.ts", ...shared],
  },
  ...["slack", "mail", "jobs"].map((edge) => ({
    target: edge,
    allow: [`./${edge}`, "./service", "./domain", ...config, "./runtime.ts", ...shared],
  })),
  { target: "integrations", allow: ["./integrations", "./domain", ...config, ...shared] },
  { target: "config.ts", allow: ["./domain", "./maskinportenSettings.ts"] },
  { target: "maskinportenSettings.ts", allow: ["./domain"] },
  // runtime.ts may also import store *types*: see the no-restricted-imports block below.
  { target: "runtime.ts", allow: [...config, "./domain", "./store", "./logger.ts"] },
  { target: "logger.ts", allow: ["./domain"] },
  { target: "within.ts", allow: [] },
];

const boundaryZones = layers.map(({ target, allow }) => ({
  target: `./src/${target}`,
  from: "./src",
  except: allow,
  message: `src/${target} may import only ${allow.length ? allow.map((a) => a.replace("./", "src/")).join(", ") : "nothing of ours"} (shared/DESIGN.md, "Arrows run one way").`,
}));

export default defineConfig(
  globalIgnores([
    "**/node_modules/",
    "dist/",
    "data/",
    "coverage/",
    "src/generated/",
    "tools/",
    "eslint.config.js",
  ]),
  {
    files: ["**/*.{ts,mts,cts,js,mjs,cjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      // The code's own convention: a leading underscore marks a deliberately unused name.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining, expect.any …) are typed `any` by
    // vitest itself: placing one inside an expected object is what they are for, not an unsafe
    // value. Writing `any` ourselves stays an error (no-explicit-any) in tests too.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // Plain JavaScript (scripts/*.mjs) is in no tsconfig: no type information.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      // The modules the import-x rules read to follow imports (no-cycle walks them): ours are .ts.
      "import-x/extensions": [".ts"],
      "import-x/resolver-next": [
        createTypeScriptImportResolver({ project: `${root}tsconfig.json` }),
      ],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: root, zones: boundaryZones }],
      // No module reaches itself again through its imports: a cycle makes load order matter
      // (a value read before its module ran) and ties the modules into one. The rule follows
      // value imports only; type-only imports are erased and load nothing.
      "import-x/no-cycle": "error",
    },
  },
  {
    files: ["src/runtime.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["./store/*"],
              allowTypeImports: true,
              message: "src/runtime.ts may import store types only (for now).",
            },
          ],
        },
      ],
    },
  },
);
