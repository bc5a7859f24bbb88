/**
 * Makes ids shaped like UUID v7: time-ordered, deterministic for a given clock. `at` stamps an id
 * with another time than now (seeded history).
 */
export function createIdGenerator(now: () => number): (at?: number) => string {
  // A counter per millisecond, not only for the last one: seeded histories stamp ids with past
  // times in any order, and two conversations' messages may share a millisecond.
  const counters = new Map<number, number>();
  return (at = now()) => {
    const ms = Math.max(0, Math.floor(at));
    const counter = (counters.get(ms) ?? -1) + 1;
    counters.set(ms, counter);
    const time = ms.toString(16).padStart(12, '0').slice(-12);
    const seq = counter.toString(16).padStart(15, '0').slice(-15);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${seq.slice(0, 3)}-8${seq.slice(3, 6)}-${seq.slice(6)}000`;
  };
}
