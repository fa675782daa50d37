// The configuration lives in tools/eslint/config.js (a workspace of its own:
// see the comment there for why).
export { default } from "@delegering/eslint-config";
