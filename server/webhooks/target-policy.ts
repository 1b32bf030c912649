import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which hosts a webhook may be sent to. A webhook URL is chosen by an API user but fetched by the
 * server, from inside the operator's network: without this policy a room's webhook could reach
 * the database, an admin port on localhost or the cloud's metadata service (and its credentials).
 * The same check runs when a URL is saved (to tell the user at once) and at every delivery (DNS
 * may have changed since), and the delivery then connects to the very addresses checked.
 */

/** The rule as the API reference states it, next to each webhook URL field. */
export const PUBLIC_TARGET_RULE =
  'Its host must be, or resolve to, public addresses: loopback, private and link-local ones are refused (unless the server allows private targets), cloud metadata services always.';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Tests inject their own. */
export type HostLookup = (host: string) => Promise<ResolvedAddress[]>;

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: tests and local development send webhooks to this machine. */
  allowPrivate: boolean;
  lookup: HostLookup;
  /** A save must not hang on a slow resolver. */
  lookupTimeoutMs: number;
}

export type TargetCheck =
  | { ok: true; host: string; addresses: ResolvedAddress[] }
  /** `unresolved`: the host has no address (or none in time), rather than a refused one. */
  | { ok: false; reason: string; unresolved?: boolean };

export const systemLookup: HostLookup = async (host) => {
  const found = await dns.lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export function targetPolicy(allowPrivate: boolean, overrides: Partial<Omit<TargetPolicy, 'allowPrivate'>> = {}): TargetPolicy {
  return { allowPrivate, lookup: systemLookup, lookupTimeoutMs: 3000, ...overrides };
}

// Instance metadata services hand out credentials to whoever asks from inside the instance: no
// webhook has a reason to go there, so these stay refused even when private targets are allowed.
const METADATA_ADDRESSES = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
  '169.254.170.2', // AWS ECS task credentials
  '168.63.129.16', // Azure wire server: a public address
  '100.100.100.200', // Alibaba Cloud
  'fd00:ec2::254', // AWS over IPv6
]);
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

const RANGE_WORDS: Record<string, string> = {
  linkLocal: 'link-local',
  uniqueLocal: 'unique local (private)',
  carrierGradeNat: 'carrier-grade NAT',
  unicast: 'reserved (outside 2000::/3)',
  deprecatedSiteLocal: 'site-local',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64',
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
// NAT64 (RFC 6052): DNS64 gives IPv6-only hosts such addresses for public IPv4 servers.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** IPv6 that carries an IPv4 address (mapped, translated, NAT64) goes to that IPv4 address. */
function carriedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = v6.range();
  if (range !== 'ipv4Mapped' && range !== 'rfc6145' && !v6.match(NAT64_WELL_KNOWN)) return undefined;
  return new ipaddr.IPv4(v6.toByteArray().slice(12));
}

/**
 * The kind of address that is not a public one (`loopback`, `private`, `link-local`, ...), or
 * undefined for an address on the public internet. An IPv6 address carrying an IPv4 one is judged
 * by the IPv4 address, where the packets would really go.
 */
export function nonPublicRange(address: string): string | undefined {
  if (!isIP(address)) return 'not an IP address';
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') {
    const range = ip.range();
    return range === 'unicast' ? undefined : (RANGE_WORDS[range] ?? range);
  }
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  const v4 = carriedIPv4(v6);
  if (v4) {
    const inner = nonPublicRange(v4.toString());
    return inner && `${inner}, ${RANGE_WORDS[range] ?? range}`;
  }
  // Only 2000::/3 is handed out for the public internet; ipaddr.js calls the rest 'unicast' too.
  if (range === 'unicast' && v6.match(GLOBAL_UNICAST_V6)) return undefined;
  return RANGE_WORDS[range] ?? range;
}

function isMetadataAddress(address: string): boolean {
  if (!isIP(address)) return false;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return METADATA_ADDRESSES.has(ip.toString());
  const v6 = ip as ipaddr.IPv6;
  const v4 = carriedIPv4(v6);
  return METADATA_ADDRESSES.has(v4 ? v4.toString() : v6.toRFC5952String());
}

const PRIVATE = 'must not point to a private, loopback, link-local or other non-public address';
const METADATA = 'must not point to a cloud metadata service';

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks a webhook URL's host against the policy: its literal address, or every address its name
 * resolves to (one bad address is enough to refuse: the connection could land on any of them).
 * `resolveNames: false` judges only what the URL itself shows, without DNS.
 */
export async function checkWebhookTarget(url: string | URL, policy: TargetPolicy, opts: { resolveNames?: boolean } = {}): Promise<TargetCheck> {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const host = parsed.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (METADATA_NAMES.has(host)) return { ok: false, reason: `${METADATA} ("${host}")` };
  // RFC 6761: these names are this machine whatever a resolver says.
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { ok: false, reason: `${PRIVATE} ("${host}" is loopback)` };
  }

  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else if (opts.resolveNames === false) {
    return { ok: true, host, addresses: [] };
  } else {
    try {
      const seconds = policy.lookupTimeoutMs / 1000;
      addresses = await withTimeout(policy.lookup(host), policy.lookupTimeoutMs, () => new Error(`did not resolve within ${seconds} s`));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { ok: false, unresolved: true, reason: `host "${host}" ${e.code ? `does not resolve (${e.code})` : e.message}` };
    }
    if (addresses.length === 0) return { ok: false, unresolved: true, reason: `host "${host}" does not resolve (no addresses)` };
  }

  for (const { address } of addresses) {
    const shown = literal ? address : `resolves to ${address}`;
    if (isMetadataAddress(address)) return { ok: false, reason: `${METADATA} (${shown})` };
    if (policy.allowPrivate) continue;
    const range = nonPublicRange(address);
    if (range) return { ok: false, reason: `${PRIVATE} (${literal ? `${address} is ${range}` : `${shown}, ${range}`})` };
  }
  return { ok: true, host, addresses };
}
