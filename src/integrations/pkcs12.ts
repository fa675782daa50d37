import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import forge from "node-forge";

// Reading an enterprise certificate kept as PKCS#12, in a module of its own so that node-forge is
// loaded only when a client has such a file (src/integrations/maskinportenCredentials.ts).

/**
 * Opens a PFX. The MAC and the legacy ciphers derive their keys from the passphrase in UTF-16
 * (the PKCS#12 KDF), which forge gets right; PBES2 (OpenSSL 3's default) runs PBKDF2 over its
 * UTF-8 bytes, while forge hands PBKDF2 the string as it stands: a passphrase with æøå then
 * verifies but does not decrypt. So when the MAC held and decryption failed, the contents are
 * read again with the UTF-8 bytes, without the MAC (it was just checked with the right encoding).
 */
function readPfx(asn1: forge.asn1.Asn1, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, true, passphrase);
  } catch (error) {
    const decryptFailed = error instanceof Error && /decrypt/i.test(error.message);
    const ascii = [...passphrase].every((c) => c.charCodeAt(0) < 0x80);
    if (!decryptFailed || ascii || !Array.isArray(asn1.value)) throw error;
    const withoutMac = forge.asn1.create(asn1.tagClass, asn1.type, true, asn1.value.slice(0, 2));
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, true, forge.util.encodeUtf8(passphrase));
  }
}

/**
 * A PKCS#12 file (.p12/.pfx). node-forge reads both OpenSSL 3's default (PBES2: PBKDF2 with
 * AES-256-CBC, SHA-256 MAC) and the legacy encryption (RC2-40 for certificates, 3DES for the key,
 * SHA-1 MAC) that older enterprise certificates and Windows exports still use.
 */
export function readPkcs12(der: Buffer, passphrase: string | undefined): { key: KeyObject; certificates: X509Certificate[] } {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = readPfx(forge.asn1.fromDer(der.toString("binary")), passphrase ?? "");
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      throw new Error(passphrase === undefined ? "it is protected by a passphrase and none is set" : "wrong passphrase (the file's integrity check failed)", { cause: error });
    }
    throw new Error(`it is not a PKCS#12 file forge can read (${message.slice(0, 120) || "unreadable"})`, { cause: error });
  }
  const { pkcs8ShroudedKeyBag, keyBag, certBag } = forge.pki.oids;
  const keyBags = [pkcs8ShroudedKeyBag!, keyBag!].flatMap((type) => p12.getBags({ bagType: type })[type] ?? []);
  if (keyBags.length !== 1) throw new Error(keyBags.length === 0 ? "it holds no private key" : "it holds more than one private key");
  const bag = keyBags[0]!;
  // forge decodes RSA keys only; the raw PrivateKeyInfo lets node say what another kind is.
  const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  if (!info) throw new Error("its private key could not be read");
  const key = createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), "binary"), format: "der", type: "pkcs8" });
  const certificates = (p12.getBags({ bagType: certBag! })[certBag!] ?? []).flatMap((b) =>
    b.cert ? [new X509Certificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes(), "binary"))] : [],
  );
  if (certificates.length === 0) throw new Error("it holds no certificate forge can read (RSA certificates only)");
  return { key, certificates };
}
