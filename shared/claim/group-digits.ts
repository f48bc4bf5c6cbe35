/**
 * A whole number with its thousands grouped as en-US writes them (99,999), for the contract's messages.
 * Not toLocaleString: the first call of it loads ICU's number formatting, which costs 20-50 ms, and the
 * contract builds its messages when the scrub function starts.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}
