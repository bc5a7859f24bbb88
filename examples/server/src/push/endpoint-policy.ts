// Which push endpoints this server agrees to send to. A subscription is a URL the client chooses
// and the server later POSTs to: unchecked, any signed-in user could make the server call its
// own network (a cloud metadata address, an admin port on localhost). Push services are public
// HTTPS hosts on the default port, so that is all that is accepted. Names are not resolved here;
// the agent that sends (public-agent.ts) checks the address each name resolves to.
import { BlockList, isIP } from 'node:net';

/** Whether the address checks apply; `true` only in development and tests (a local endpoint). */
export interface EndpointPolicyOptions {
  allowPrivateEndpoints: boolean;
}

// IPv4 ranges that are not on the public Internet (IANA special-purpose registry).
const PRIVATE_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

// IPv6: only global unicast (2000::/3) is public; within it, these are not (or wrap an IPv4
// address that may be private: 6to4, Teredo).
const SPECIAL_V6: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 23], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['3fff::', 20], // documentation
];

const privateV4 = new BlockList();
for (const [network, prefix] of PRIVATE_V4) privateV4.addSubnet(network, prefix, 'ipv4');
const globalV6 = new BlockList();
globalV6.addSubnet('2000::', 3, 'ipv6');
const specialV6 = new BlockList();
for (const [network, prefix] of SPECIAL_V6) specialV6.addSubnet(network, prefix, 'ipv6');

/** Host names that never name a public host (RFC 6761, 6762, 8375 and the usual private ones). */
const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.invalid', '.lan'];

/** Whether `address` (an IPv4 or IPv6 literal) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !privateV4.check(address, 'ipv4');
  if (family === 6) return globalV6.check(address, 'ipv6') && !specialV6.check(address, 'ipv6');
  return false;
}

/**
 * Why `endpoint` is refused as a push endpoint, as an `INVALID` message naming the field, or
 * undefined when it is acceptable: an https URL without credentials, on the default port, whose
 * host is a public address or a dotted name outside the private suffixes.
 */
export function endpointProblem(
  endpoint: string,
  options: EndpointPolicyOptions,
): string | undefined {
  const field = 'subscription.endpoint';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `${field}: not a URL`;
  }
  if (url.protocol !== 'https:') return `${field}: must be an https URL`;
  if (url.username || url.password) return `${field}: must not hold credentials`;
  if (options.allowPrivateEndpoints) return undefined;
  if (url.port) return `${field}: must use the default https port`;
  // The URL parser has already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted form.
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIP(host)) {
    return isPublicAddress(host)
      ? undefined
      : `${field}: must not be a private or reserved address`;
  }
  if (host === 'localhost' || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return `${field}: must be a public host, not a local name`;
  }
  if (!host.includes('.')) return `${field}: must be a public host with a domain name`;
  return undefined;
}
