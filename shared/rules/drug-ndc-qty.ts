import { defineRule, type Report } from './rule.ts';

type MessageId = 'unitNotAllowed' | 'unitWithoutQuantity' | 'quantityWithoutUnit' | 'quantityNotPositive' | 'quantityTooLong';

/** The units of measure the 5010 837P drug loop (CTP05-01) allows: international unit, gram, milligram, millilitre, unit. */
export const NDC_UNITS: readonly string[] = ['F2', 'GR', 'ME', 'ML', 'UN'];
const NDC_UNIT_SET: ReadonlySet<string> = new Set(NDC_UNITS);

/** NUCC: at most 8 digits before the decimal point and 3 after. */
const MAX_INTEGER_DIGITS = 8;
const MAX_DECIMALS = 3;

/** Whether a quantity needs more than 8 integer digits or more than 3 decimals. */
export function quantityTooLong(quantity: number): boolean {
  if (!Number.isFinite(quantity)) return true;
  const integerDigits = String(Math.trunc(Math.abs(quantity))).length;
  if (integerDigits > MAX_INTEGER_DIGITS) return true;
  // Rounded to 3 decimals it must be the same number; this also handles 1e-7, which String() writes with an exponent.
  return Math.round(quantity * 10 ** MAX_DECIMALS) / 10 ** MAX_DECIMALS !== quantity;
}

export const drugNdcQty = defineRule({
  id: 'DRUG-NDC-QTY',
  severity: 'error',
  description: 'A line with an NDC whose quantity or unit of measure is missing, not allowed, not positive or too long.',
  explanation:
    'In simple words: the NDC tells the payer which product was given; the quantity and its unit tell how much. The payer needs both, as a positive amount in one of the units the electronic claim allows (ML millilitre, UN unit, GR gram, ME milligram, F2 international unit), with at most 8 digits before the decimal point and 3 after. A missing, zero or unusual amount or unit makes the line rejected or paid wrong.',
  remediation:
    'Give the amount actually dispensed in the unit of the NDC\'s package: ML for liquids, UN for vials or other packages counted whole, GR or ME for powders by weight, F2 for international units. Enter a quantity above zero with at most 3 decimals, and always both the quantity and the unit.',
  source:
    'X12 837P 5010 loop 2410: CTP04 is the NDC quantity and CTP05-01 its unit, F2/GR/ME/ML/UN (X12 RFI 2151 and RFI 591, H; ME from the 5010 list per Texas Medicaid notes, M). Clearinghouse edit rejecting a unit with a quantity of zero or less (Stedi, M). At most 8 digits before the decimal and 3 after: the NUCC rule quoted in RFI 2151 (H-M). South Dakota Medicaid requires NDC, quantity and unit together (H).',
  messages: {
    unitNotAllowed: 'Line {{lineNumber}}: the NDC unit "{{unit}}" on {{code}} is not one of F2, GR, ME, ML or UN.',
    unitWithoutQuantity: 'Line {{lineNumber}}: the NDC on {{code}} has a unit ({{unit}}) but no quantity.',
    quantityWithoutUnit: 'Line {{lineNumber}}: the NDC on {{code}} has a quantity ({{quantity}}) but no unit.',
    quantityNotPositive: 'Line {{lineNumber}}: the NDC quantity on {{code}} is {{quantity}}; it must be more than 0.',
    quantityTooLong: 'Line {{lineNumber}}: the NDC quantity {{quantity}} on {{code}} has more than 8 digits before the decimal point or more than 3 after it.',
  },
  check({ claim }) {
    const reports: Report<MessageId>[] = [];
    for (const line of claim.lines) {
      if (line.drug === undefined) continue;
      const { quantity, unit } = line.drug;
      const code = line.procedureCode;
      const at = line.lineNumber;
      if (unit !== undefined && quantity === undefined) reports.push({ lineNumber: at, messageId: 'unitWithoutQuantity', data: { code, unit } });
      if (quantity !== undefined && unit === undefined) reports.push({ lineNumber: at, messageId: 'quantityWithoutUnit', data: { code, quantity } });
      if (unit !== undefined && !NDC_UNIT_SET.has(unit)) reports.push({ lineNumber: at, messageId: 'unitNotAllowed', data: { code, unit } });
      if (quantity !== undefined && quantity <= 0) reports.push({ lineNumber: at, messageId: 'quantityNotPositive', data: { code, quantity } });
      else if (quantity !== undefined && quantityTooLong(quantity)) reports.push({ lineNumber: at, messageId: 'quantityTooLong', data: { code, quantity } });
    }
    return reports;
  },
});
