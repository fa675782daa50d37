// Authentication-Results (RFC 8601), as a receiving mail server writes it:
//
//   authserv-id [version] ; method[/version]=result [reason=value] [ptype.property=value …] ; …
//
// with comments in parentheses (nested, with quoted-pairs) and quoted strings wherever the
// grammar allows whitespace or a value. One pass over the characters and one over the tokens:
// nothing backtracks, so a hostile header costs time in proportion to its length.

/** One `method=result` of a header, with its properties (`header.from`, `smtp.mailfrom`, `reason` …). */
export interface AuthResult {
  /** lowercased, without a method version (`dkim/1` is `dkim`) */
  method: string;
  /** lowercased: pass, fail, none, temperror, permerror, … */
  result: string;
  /** property names lowercased; values as written (quotes removed); the first of a repeated name counts */
  properties: Readonly<Record<string, string>>;
}

export interface AuthenticationResults {
  /** who wrote the header; "" when it names none (as Exchange Online writes it); null when unreadable */
  authservId: string | null;
  /** empty for `none`, and for a header that is malformed after its authserv-id */
  results: AuthResult[];
}

type Token = { kind: "word" | "quoted"; text: string } | { kind: ";" | "=" };

// Each sticky pattern reads one run from where it is set, and no run can be read two ways.
const spaces = /\s+/y;
const word = /[^\s();="]+/y;
const quotedBody = /(?:[^"\\]|\\[\s\S])*/y;

function runAt(pattern: RegExp, value: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(value)?.[0] ?? "";
}

/** The header's tokens, comments dropped; `complete` false when a comment or quoted string never ends, or a ")" has no "(". */
function tokenize(value: string): { tokens: Token[]; complete: boolean } {
  const tokens: Token[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const ch = value[i]!;
    if (ch === "(") {
      let depth = 0;
      do {
        const c = value.charCodeAt(i);
        if (c === 0x5c) i += 1; // a quoted-pair: the next character is text
        else if (c === 0x28) depth += 1;
        else if (c === 0x29) depth -= 1;
        i += 1;
      } while (i < n && depth > 0);
      if (depth > 0) return { tokens, complete: false };
    } else if (ch === '"') {
      const body = runAt(quotedBody, value, i + 1);
      i += 1 + body.length;
      // The body stops at the closing quote, or at the end (perhaps on a lone backslash).
      if (value[i] !== '"') return { tokens, complete: false };
      i += 1;
      tokens.push({ kind: "quoted", text: body.replace(/\\([\s\S])/g, "$1") });
    } else if (ch === ";" || ch === "=") {
      tokens.push({ kind: ch });
      i += 1;
    } else if (ch === ")") {
      return { tokens, complete: false };
    } else {
      const blank = runAt(spaces, value, i);
      if (blank) {
        i += blank.length;
        continue;
      }
      const text = runAt(word, value, i);
      tokens.push({ kind: "word", text });
      i += text.length;
    }
  }
  return { tokens, complete: true };
}

/**
 * One resinfo's `name=value` pairs. Words up to an "=" make one name, so `header . from` (the
 * grammar lets whitespace or comments stand around the dot) reads as `header.from`. Null when
 * a name has no value.
 */
function pairs(tokens: readonly Token[]): Array<[string, string]> | null {
  const out: Array<[string, string]> = [];
  let name = "";
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind === "word" || t.kind === "quoted") {
      name += t.text;
      continue;
    }
    const value = tokens[i + 1];
    if (t.kind !== "=" || !name || !value || (value.kind !== "word" && value.kind !== "quoted")) return null;
    out.push([name, value.text]);
    name = "";
    i += 1;
  }
  // Words after the last value (`none`, or something unknown) add nothing.
  return out;
}

function resinfo(tokens: readonly Token[]): AuthResult | null {
  const found = pairs(tokens);
  const first = found?.[0];
  if (!found || !first) return null;
  const properties: Record<string, string> = {};
  for (const [name, value] of found.slice(1)) {
    const key = name.toLowerCase();
    if (!(key in properties)) properties[key] = value;
  }
  return { method: first[0].split("/")[0]!.toLowerCase(), result: first[1].toLowerCase(), properties };
}

/** Reads one Authentication-Results header value (unfolded, without the field name). Pure. */
export function parseAuthenticationResults(value: string): AuthenticationResults {
  const { tokens, complete } = tokenize(value);
  const segments: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ";") segments.push([]);
    else segments.at(-1)!.push(t);
  }
  const [head = [], ...rest] = segments;
  let authservId: string | null;
  const infos = [...rest];
  if (head.some((t) => t.kind === "=")) {
    // No authserv-id, only results (Exchange Online's own header): nobody's id.
    authservId = "";
    infos.unshift(head);
  } else {
    const [id, version, ...extra] = head;
    const readable = id !== undefined && (id.kind === "word" || id.kind === "quoted") && id.text !== "";
    const versionOk = version === undefined || (version.kind === "word" && /^\d+$/.test(version.text));
    authservId = readable && versionOk && extra.length === 0 ? id.text : null;
  }
  if (!complete || authservId === null) return { authservId, results: [] };
  const results = infos.map(resinfo).filter((r): r is AuthResult => r !== null);
  return { authservId, results };
}

/**
 * The results our own mail server recorded. Our server prepends its header, and nobody can add
 * one above it; anyone can add one below. With `authservId` the verdict is the topmost header
 * carrying that id (others are not ours); without it, the topmost header. `headers`: topmost first.
 */
export function ownServerResults(headers: readonly string[], authservId?: string): AuthResult[] {
  if (authservId === undefined) {
    const top = headers[0];
    return top === undefined ? [] : parseAuthenticationResults(top).results;
  }
  const wanted = authservId.toLowerCase();
  for (const header of headers) {
    const parsed = parseAuthenticationResults(header);
    if (parsed.authservId?.toLowerCase() === wanted) return parsed.results;
  }
  return [];
}

/**
 * What the results say about DMARC for exactly `domain`: "pass" only when every dmarc result
 * passed for a header.from of that very domain (not a subdomain), "fail" when any failed,
 * "unknown" otherwise (none, temperror, permerror, another domain, no dmarc result at all).
 */
export function dmarcFor(results: readonly AuthResult[], domain: string): "pass" | "fail" | "unknown" {
  const dmarc = results.filter((r) => r.method === "dmarc");
  if (dmarc.some((r) => r.result === "fail")) return "fail";
  const wanted = domain.toLowerCase();
  const passed = (r: AuthResult) => {
    const from = r.properties["header.from"];
    return r.result === "pass" && from !== undefined && from.slice(from.lastIndexOf("@") + 1).toLowerCase() === wanted;
  };
  return dmarc.length > 0 && dmarc.every(passed) ? "pass" : "unknown";
}
