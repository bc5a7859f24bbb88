// The HTTPS agent pushes are sent with in production: it connects only to public addresses. The
// endpoint policy cannot see where a name resolves (a public-looking name may point at 10.0.0.1,
// or change after subscribing), so the address is checked here, on the lookup whose answer the
// connection then uses: nothing can change between the check and the connect.
import { lookup as dnsLookup } from 'node:dns';
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { isPublicAddress } from './endpoint-policy';

/** A push endpoint's host is, or resolves to, an address that is not public. */
export class PrivateAddressError extends Error {
  readonly code = 'EPUSHPRIVATE';
  constructor() {
    super('the push endpoint resolves to a private or reserved address');
    this.name = 'PrivateAddressError';
  }
}

/** `dns.lookup`, failing with a {@link PrivateAddressError} when any answer is not public. */
export function publicOnlyLookup(lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const [first] = addresses;
      if (!first || addresses.some((a) => !isPublicAddress(a.address))) {
        callback(new PrivateAddressError(), '', 0);
        return;
      }
      if (options.all) {
        // net asks for every address (autoSelectFamily): the callback then takes the list.
        (callback as unknown as (e: null, all: typeof addresses) => void)(null, addresses);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

/**
 * An `https.Agent` that refuses to connect to a host that is, or resolves to, a private, loopback,
 * link-local or reserved address. `lookup` is for tests.
 */
export function createPublicOnlyAgent(
  options: AgentOptions = {},
  lookup: typeof dnsLookup = dnsLookup,
): Agent {
  const safeLookup = publicOnlyLookup(lookup);
  return new (class extends Agent {
    override createConnection(
      connect: RequestOptions,
      callback?: (error: Error | null, stream: Duplex) => void,
    ): Duplex | null | undefined {
      // An address literal is connected to without a lookup.
      const host = connect.host ?? connect.hostname ?? '';
      const bare = host.replace(/^\[(.*)\]$/, '$1');
      if (isIP(bare) && !isPublicAddress(bare)) {
        callback?.(new PrivateAddressError(), undefined as unknown as Duplex);
        return undefined;
      }
      return super.createConnection({ ...connect, lookup: safeLookup }, callback);
    }
  })(options);
}
