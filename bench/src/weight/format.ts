/** A count with thousands separators, as a table reads it; '–' when absent. */
export function grouped(value: number | undefined | null): string {
  if (value === undefined || value === null) return '–';
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
