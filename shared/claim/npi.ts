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

export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
}
