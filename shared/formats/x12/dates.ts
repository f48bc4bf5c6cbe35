/** CCYYMMDD → YYYY-MM-DD; anything else is returned unchanged for the contract to reject by name. */
export function isoFromD8(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}
