// A sender as an operator writes it in MAIL_FROM: `delegering@leverandor.no`, or with a display
// name, `Leverandør Delegering <delegering@leverandor.no>` or `"Leverandør, Delegering" <…>`.
// The name is kept apart from the address: the address goes into outbox rows, Message-IDs and
// header checks exactly as before, and the mail library encodes the name (quoting, RFC 2047)
// when the message is written, so no text of ours is ever spliced into a header.

export interface Sender {
  name?: string;
  address: string;
}

export type SenderResult = { ok: true; sender: Sender } | { ok: false; problem: string };

/** The characters that can end an address or a header are never part of one. */
const plainAddress = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/u;
const controls = /[\p{Cc}\u2028\u2029]/u;
const maxNameLength = 200;

export function parseSender(text: string): SenderResult {
  if (controls.test(text)) return { ok: false, problem: "contains a line break or control character" };
  const trimmed = text.trim();
  const angle = /^([^<>]*)<([^<>]*)>$/u.exec(trimmed);
  const address = (angle ? angle[2] : trimmed)?.trim() ?? "";
  if (!plainAddress.test(address)) return { ok: false, problem: "must be an e-mail address" };
  const phrase = angle?.[1]?.trim() ?? "";
  if (phrase === "") return { ok: true, sender: { address } };
  let name: string;
  const quoted = /^"((?:[^"\\]|\\.)*)"$/u.exec(phrase);
  if (quoted) {
    name = (quoted[1] ?? "").replace(/\\(.)/gu, "$1").trim();
  } else if (phrase.includes('"')) {
    return { ok: false, problem: "has an unbalanced quote in the name: put the whole name in double quotes" };
  } else {
    name = phrase;
  }
  if (name.length > maxNameLength) return { ok: false, problem: `has a name over ${maxNameLength} characters` };
  return { ok: true, sender: name === "" ? { address } : { name, address } };
}
