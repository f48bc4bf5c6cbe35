/**
 * The NPI check digit for nine leading digits: Luhn over the digits prefixed with the card issuer
 * identifier 80840, as CMS's NPI standard defines it.
 */
export function npiCheckDigit(nineDigits: string): number {
  const payload = `80840${nineDigits}`;
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Luhn doubles every second digit counting from the right, starting with the rightmost payload digit.
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Ten ASCII digits whose last is the check digit of the nine before it. One pass with no string built:
 * every claim carries one or two NPIs. The same answer as checking /^\d{10}$/ and then npiCheckDigit.
 */
export function isValidNpi(npi: string): boolean {
  if (npi.length !== 10) return false;
  let sum = PREFIX_SUM;
  for (let i = 0; i < 9; i++) {
    let d = npi.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    // The ninth digit is the payload's rightmost, doubled; so is every second one before it.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = npi.charCodeAt(9) - 48;
  return check >= 0 && check <= 9 && (10 - (sum % 10)) % 10 === check;
}

/** What the prefix 80840 adds to the Luhn sum of any NPI's payload: 8 + 0·2 + 8 + 4·2 + 0 = 24. */
const PREFIX_SUM = 24;
