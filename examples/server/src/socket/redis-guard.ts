// The Redis adapter fires publish/subscribe commands without awaiting them: a Redis outage would
// surface as unhandled rejections, which end a Node process. This wrapper reports them instead.

/** Methods of a node-redis client that the adapter calls without handling their rejection. */
export const FIRE_AND_FORGET_METHODS = [
  'publish',
  'sPublish',
  'subscribe',
  'unsubscribe',
  'pSubscribe',
  'pUnsubscribe',
  'sSubscribe',
  'sUnsubscribe',
] as const;

/**
 * `client` seen through a proxy whose `methods` never reject: a failure goes to `onError` and the
 * call resolves to `undefined`. Everything else is the client's own (bound to it, since node-redis
 * keeps its state in private fields).
 */
export function guardRejections<T extends object>(
  client: T,
  methods: readonly string[],
  onError: (error: unknown, method: string) => void,
): T {
  const guarded = new Set(methods);
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !guarded.has(property)) return method.bind(target);
      return (...args: unknown[]) => {
        const report = (error: unknown) => {
          onError(error, property);
          return undefined;
        };
        try {
          return Promise.resolve(method.apply(target, args)).catch(report);
        } catch (error) {
          return Promise.resolve(report(error));
        }
      };
    },
  });
}
