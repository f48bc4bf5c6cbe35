import type { CodeLookup, CodeRecord } from '../codes/code-record.ts';

/**
 * The drug codes the NDC rules look at. Which codes bill a drug is a fact of HCPCS's structure:
 * - every J-code (J0120-J9999: "drugs administered other than oral method" and chemotherapy drugs);
 * - the not-otherwise-classified (NOC) drug codes J3490, J3590, J7699, J7799, J9999 (J-codes too);
 * - S5000 and S5001, CMS's "Prescription drug, generic" and "Prescription drug, brand name";
 * - a Q-code that the loaded release classes as a drug: BETOS O1D (chemotherapy) or O1E (other drugs)
 *   AND a long descriptor in CMS's injectable-drug form "Injection, <drug>, <amount>".
 *
 * Why BETOS alone does not select Q-codes: in CMS's file, O1D/O1E also cover services and supplies that
 * are no drug on their own, e.g. Q0083-Q0085 (chemotherapy administration, O1D), Q0510-Q0514 (pharmacy
 * supply and dispensing fees, O1E) and the Q41xx skin substitutes (O1E). Requiring the "Injection" form
 * keeps the injectable drugs (Q0138 ferumoxytol, the Q51xx biosimilars, Q2050 liposomal doxorubicin)
 * and leaves those out. Oral Q-code drugs (anti-emetics Q0161-Q0181) are not home-infusion lines and are
 * left out as well.
 */
export const NOC_DRUG_CODES: ReadonlySet<string> = new Set(['J3490', 'J3590', 'J7699', 'J7799', 'J9999']);

/** CMS S5000 "Prescription drug, generic" and S5001 "Prescription drug, brand name". */
export const PRESCRIPTION_DRUG_CODES: ReadonlySet<string> = new Set(['S5000', 'S5001']);

/** Codes that say nothing about the drug: the payer needs the NDC and the drug's name on the line. */
export const UNSPECIFIED_DRUG_CODES: ReadonlySet<string> = new Set([...NOC_DRUG_CODES, ...PRESCRIPTION_DRUG_CODES]);

const J_CODE = /^J\d{4}$/;
const Q_CODE = /^Q\d{4}$/;
const DRUG_BETOS = new Set(['O1D', 'O1E']);
const INJECTABLE_DRUG_DESCRIPTOR = /^injection\b/i;

/** Whether the code's record in the loaded release classes a Q-code as an injectable drug (see above). */
export function isDrugQRecord(record: Pick<CodeRecord, 'code' | 'betos' | 'longDescription'>): boolean {
  return Q_CODE.test(record.code) && record.betos !== undefined && DRUG_BETOS.has(record.betos) && INJECTABLE_DRUG_DESCRIPTOR.test(record.longDescription);
}

/** Whether a line with this code bills a drug: J-codes and S5000/S5001 by their code, Q-codes by their record. */
export function isDrugCode(code: string, codes: Pick<CodeLookup, 'procedure'>): boolean {
  if (J_CODE.test(code) || PRESCRIPTION_DRUG_CODES.has(code)) return true;
  if (!Q_CODE.test(code)) return false;
  const record = codes.procedure(code);
  return record !== undefined && isDrugQRecord(record);
}

/** The same question for `claim-scrubber explain`, from the record alone. */
export function isDrugRecord(record: CodeRecord): boolean {
  return record.kind === 'procedure' && (J_CODE.test(record.code) || PRESCRIPTION_DRUG_CODES.has(record.code) || isDrugQRecord(record));
}
