import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { MaskinportenClient, MaskinportenClientAuth } from "../maskinportenSettings.js";

// What signs a client's grants: the private key, and what the grant's header says about it.
// A registered key is named by `kid`; the enterprise certificate travels as `x5c` (RFC 7515: the
// chain as base64 DER, leaf first), which is how Maskinporten ties the grant to the orgnr.
// Error messages name the file and what is wrong with it, never key material or the passphrase.

export interface Credentials {
  privateKey: KeyObject;
  header: { kid: string } | { x5c: string[] };
}

/** RS256 needs RSA, and Maskinporten wants at least 2048 bits. */
function checkRsa(key: KeyObject): KeyObject {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa") throw new Error(`the key is ${key.asymmetricKeyType ?? "of no known type"}, not RSA (RS256)`);
  if (bits < 2048) throw new Error(`the RSA key has ${bits} bits; Maskinporten wants at least 2048`);
  return key;
}

/** A PEM RSA private key (the one registered on the client under a kid). */
export async function loadPrivateKey(file: string): Promise<KeyObject> {
  return checkRsa(createPrivateKey(await readFile(file, "utf8")));
}

const pemBlocks = (text: string, label: RegExp) =>
  [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].filter((m) => label.test(m[1]!)).map((m) => m[0]);

/**
 * Puts the chain in x5c order: the certificate of the private key first, then each issuer found
 * in the file. A PKCS#12 file keeps no order, and PEM files are written either way round.
 */
function chainFor(key: KeyObject, certificates: X509Certificate[]): X509Certificate[] {
  const leaf = certificates.find((c) => c.checkPrivateKey(key));
  if (!leaf) throw new Error("no certificate in it belongs to its private key");
  const chain = [leaf];
  for (let current = leaf; ; ) {
    const issuer = certificates.find((c) => !chain.includes(c) && current.checkIssued(c));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/** The private key and its chain in x5c order. */
interface CertificateChain {
  key: KeyObject;
  chain: X509Certificate[];
}

function certificateChain(key: KeyObject, certificates: X509Certificate[]): CertificateChain {
  return { key: checkRsa(key), chain: chainFor(key, certificates) };
}

/** A PEM file holding the certificate chain and the private key, the key possibly encrypted. */
function fromPem(text: string, passphrase: string | undefined): CertificateChain {
  const keys = pemBlocks(text, /PRIVATE KEY$/);
  const certs = pemBlocks(text, /^CERTIFICATE$/);
  if (keys.length !== 1) throw new Error(keys.length === 0 ? "it holds no private key" : "it holds more than one private key");
  if (certs.length === 0) throw new Error("it holds no certificate");
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keys[0]!, format: "pem", ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(keys[0]!);
    if (encrypted && passphrase === undefined) throw new Error("its private key is encrypted and no passphrase is set", { cause: error });
    if (encrypted) throw new Error("its private key could not be decrypted: wrong passphrase?", { cause: error });
    throw new Error(`its private key could not be read (${error instanceof Error ? error.message.slice(0, 120) : "unreadable"})`, { cause: error });
  }
  return certificateChain(
    key,
    certs.map((pem) => new X509Certificate(pem)),
  );
}

type CertificateAuth = Extract<MaskinportenClientAuth, { kind: "certificate" }>;

/** The enterprise certificate's file: a PEM file, or a PKCS#12 file. */
async function readCertificateFile(auth: CertificateAuth): Promise<CertificateChain> {
  const bytes = await readFile(auth.certificateFile);
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN ")) return fromPem(text, auth.passphrase);
  // node-forge (about 10 MB) is loaded only for a client that has a PKCS#12 file.
  const { readPkcs12 } = await import("./pkcs12.js");
  const { key, certificates } = readPkcs12(bytes, auth.passphrase);
  return certificateChain(key, certificates);
}

/**
 * Runs `read` on the auth's file; its failure becomes an Error whose message names the file and
 * the problem, never the passphrase.
 */
async function fromFile<T>(auth: MaskinportenClientAuth, read: () => Promise<T>): Promise<T> {
  const file = auth.kind === "key" ? auth.privateKeyFile : auth.certificateFile;
  let reason: string;
  try {
    return await read();
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  // node's own messages (ENOENT …) already name the path; ours say what is wrong inside it.
  const text = reason.includes(file) ? reason : `${file}: ${reason}`;
  // Belt and braces: a message built from a library's error must not carry the passphrase, so
  // the library's error is not chained as the cause either.
  const safe = auth.kind === "certificate" && auth.passphrase ? text.split(auth.passphrase).join("***") : text;
  throw new Error(safe.slice(0, 300));
}

/** Reads a client's credentials; throws an Error whose message names the file and the problem. */
export async function loadCredentials(auth: MaskinportenClientAuth): Promise<Credentials> {
  return fromFile(auth, async () => {
    if (auth.kind === "key") return { privateKey: await loadPrivateKey(auth.privateKeyFile), header: { kid: auth.kid } };
    const { key, chain } = await readCertificateFile(auth);
    const leaf = chain[0]!;
    // Maskinporten would refuse it (MP-120); saying so here names the date.
    if (new Date(leaf.validTo).getTime() < Date.now()) throw new Error(`the certificate expired ${leaf.validTo}`);
    return { privateKey: key, header: { x5c: chain.map((c) => c.raw.toString("base64")) } };
  });
}

/** When the enterprise certificate's leaf ends (its notAfter), read whether it has ended or not. */
export function certificateEnd(auth: CertificateAuth): Promise<Date> {
  return fromFile(auth, async () => new Date((await readCertificateFile(auth)).chain[0]!.validTo));
}

// Once per client, not per request: a PKCS#12 file costs thousands of PBKDF2 rounds to open.
// A failure is not kept, so a file put right is picked up on the next check without a restart.
const cache = new WeakMap<MaskinportenClient, Promise<Credentials>>();

export function credentialsFor(client: MaskinportenClient): Promise<Credentials> {
  let loading = cache.get(client);
  if (!loading) {
    loading = loadCredentials(client.auth);
    cache.set(client, loading);
    loading.catch(() => cache.delete(client));
  }
  return loading;
}
