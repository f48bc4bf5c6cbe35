/**
 * ICD-10-CM as the contract writes it: X12 HI and many FHIR senders omit the dot, which belongs
 * after the third character (A419 → A41.9, T8144XA → T81.44XA).
 */
export function dottedIcd10(code: string): string {
  const bare = code.trim().toUpperCase().replace('.', '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}
