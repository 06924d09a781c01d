import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, boolean, explicit, implicitPrimitive, objectIdentifier, octetString, sequence, set, smallInteger, time, unsignedInteger, utf8String } from './der';

/**
 * The emulator's TLS identity, made fresh at every start: a private CA and a server certificate it
 * signs for the emulator's host names. HTTPS is not optional: MSAL refuses an `http://` authority
 * (authority_uri_insecure), @azure/identity refuses an `http:` authorityHost, the Graph client only
 * attaches the token to `https://` URLs, and the Azure SDK's bearer policy refuses plain HTTP. So
 * clients get the CA (`caCertificatePem`) and verify the emulator like any Azure endpoint.
 */
export interface EmulatorCertificates {
  /** PEM of the CA to trust (tls `ca`, NODE_EXTRA_CA_CERTS, curl --cacert). */
  readonly caCertificatePem: string;
  /** PEM of the server certificate (signed by the CA). */
  readonly certificatePem: string;
  /** PEM (PKCS#8) of the server certificate's private key. */
  readonly privateKeyPem: string;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const ORGANIZATION = 'Astrolabe Azure emulator (test only)';

function name(commonName: string): Buffer {
  const rdn = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(rdn(OID.organization, ORGANIZATION), rdn(OID.commonName, commonName));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spkiDer: Buffer): Buffer {
  // For P-256 the SPKI ends with the 65-byte uncompressed point.
  return createHash('sha1').update(spkiDer.subarray(spkiDer.length - 65)).digest();
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" then write eight 16-bit groups.
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

interface CertificateSpec {
  subject: string;
  issuer: string;
  subjectKey: KeyObject;
  issuerKey: KeyObject;
  issuerSpki: Buffer;
  ca: boolean;
  hosts: readonly string[];
  notBefore: Date;
  notAfter: Date;
}

function certificate(spec: CertificateSpec): string {
  const spki = spec.subjectKey.export({ type: 'spki', format: 'der' });
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01;
  const extensions = [
    extension(OID.basicConstraints, true, sequence(...(spec.ca ? [boolean(true)] : []))),
    // keyCertSign + cRLSign for the CA; digitalSignature for the server (ECDHE-ECDSA).
    extension(OID.keyUsage, true, spec.ca ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0x80]), 7)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(spki))),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier(spec.issuerSpki)))),
  ];
  if (!spec.ca) {
    extensions.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))));
    const altNames = spec.hosts.map((h) => (isIP(h) ? implicitPrimitive(7, ipBytes(h)) : implicitPrimitive(2, Buffer.from(h, 'ascii'))));
    extensions.push(extension(OID.subjectAltName, false, sequence(...altNames)));
  }
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, { key: spec.issuerKey, dsaEncoding: 'der' });
  const der = sequence(tbs, algorithm, bitString(signature));
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/**
 * A CA and a server certificate for `hosts` (DNS names and IP addresses; default localhost,
 * 127.0.0.1 and ::1), valid from an hour ago for `validDays`.
 */
export function createEmulatorCertificates(hosts: readonly string[] = ['localhost', '127.0.0.1', '::1'], validDays = 30, now = new Date()): EmulatorCertificates {
  const notBefore = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now.getTime() + validDays * 86_400_000);
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serverKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caSpki = caKeys.publicKey.export({ type: 'spki', format: 'der' });
  const caSubject = 'Astrolabe Azure emulator CA';
  const caCertificatePem = certificate({
    subject: caSubject,
    issuer: caSubject,
    subjectKey: caKeys.publicKey,
    issuerKey: caKeys.privateKey,
    issuerSpki: caSpki,
    ca: true,
    hosts: [],
    notBefore,
    notAfter,
  });
  const certificatePem = certificate({
    subject: hosts[0] ?? 'localhost',
    issuer: caSubject,
    subjectKey: serverKeys.publicKey,
    issuerKey: caKeys.privateKey,
    issuerSpki: caSpki,
    ca: false,
    hosts,
    notBefore,
    notAfter,
  });
  return { caCertificatePem, certificatePem, privateKeyPem: serverKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
