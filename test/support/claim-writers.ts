import type { ClaimInput, Performer } from '../../shared/claim/contract.ts';
import { ADDON_HOUR_CODE, PRIMARY_VISIT_CODE } from '../../shared/codes/visit-codes.ts';

/**
 * Writes claims of our JSON contract as a 5010 837P file and as a FHIR R4 Bundle of Claims, the way a
 * billing system would send them, so an evidence fixture says the same thing in all three formats.
 * Each field goes where docs/formats.md says the readers take it from; a field a format cannot carry
 * (an 837P or FHIR claim has no `documentation` block, FHIR carries performedBy on visit lines only) is
 * simply not written, and the evidence tables say which outcomes differ for it.
 */

type Line = ClaimInput['lines'][number];

const TAXONOMY: Record<Performer, string> = { RN: '163W00000X', LPN: '164W00000X', pharmacist: '183500000X', physician: '207Q00000X', other: '171M00000X' };
const SBR09: Record<ClaimInput['payer']['type'], string> = { medicare: 'MB', medicare_advantage: '16', medicaid: 'MC', commercial: 'CI', other: 'ZZ' };

const isVisit = (line: Line) => line.procedureCode === PRIMARY_VISIT_CODE || line.procedureCode === ADDON_HOUR_CODE;
const compactDate = (iso: string) => iso.replaceAll('-', '');
const money = (amount: number | undefined) => (amount ?? 0).toFixed(2).replace(/\.00$/, '');

/** One 837P interchange (one transaction set) holding the claims, one billing provider per claim's HL. */
export function write837p(claims: readonly ClaimInput[]): string {
  const segments: string[] = [
    'ST*837*0001*005010X222A1',
    'BHT*0019*00*EVIDENCE*20260302*0900*CH',
    'NM1*41*2*RIVERBEND HOME INFUSION*****46*RB0001',
    'PER*IC*BILLING OFFICE*TE*5555550100',
    'NM1*40*2*EXAMPLE CLEARINGHOUSE*****46*CH0001',
  ];
  let hl = 0;
  for (const claim of claims) {
    const billing = ++hl;
    segments.push(`HL*${billing}**20*1`, `NM1*85*2*${claim.billingProvider.name ?? 'RIVERBEND HOME INFUSION'}*****XX*${claim.billingProvider.npi}`, 'N3*100 RIVER ROAD', 'N4*SPRINGFIELD*IL*627010001', 'REF*EI*371234567');
    segments.push(`HL*${++hl}*${billing}*22*0`, `SBR*P*18*******${SBR09[claim.payer.type]}`);
    segments.push(`NM1*IL*1*${claim.patient.lastName ?? 'MEMBER'}*${claim.patient.firstName ?? 'EXAMPLE'}****MI*${claim.patient.memberId}`);
    if (claim.patient.birthDate) segments.push(`DMG*D8*${compactDate(claim.patient.birthDate)}*U`);
    segments.push(`NM1*PR*2*${claim.payer.name ?? claim.payer.id}*****PI*${claim.payer.id}`);
    const total = claim.lines.reduce((sum, line) => sum + (line.chargeAmount ?? 0), 0);
    segments.push(`CLM*${claim.claimId}*${money(total)}***${claim.placeOfService ?? '12'}:B:1*Y*A*Y*Y`);
    segments.push(`HI*${(claim.diagnosisCodes ?? ['A41.9']).map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}:${code.replace('.', '')}`).join('*')}`);
    const visitPerformer = claim.lines.find((line) => isVisit(line) && line.performedBy)?.performedBy;
    if (claim.renderingProvider?.npi) {
      segments.push(`NM1*82*1*NURSE*NORA****XX*${claim.renderingProvider.npi}`);
      if (visitPerformer) segments.push(`PRV*PE*PXC*${TAXONOMY[visitPerformer]}`);
    }
    for (const line of claim.lines) segments.push(...lineSegments(claim, line));
  }
  segments.push(`SE*${segments.length + 1}*0001`);
  return [
    'ISA*00*          *00*          *ZZ*RIVERBEND      *ZZ*CLEARINGHOUSE  *260302*0900*^*00501*000000901*0*T*:',
    'GS*HC*RIVERBEND*CLEARINGHOUSE*20260302*0900*901*X*005010X222A1',
    ...segments,
    'GE*1*901',
    'IEA*1*000000901',
  ]
    .map((segment) => `${segment}~\n`)
    .join('');
}

function lineSegments(claim: ClaimInput, line: Line): string[] {
  const composite = ['HC', line.procedureCode, ...(line.modifiers ?? [])];
  if (line.description !== undefined) composite.push(...Array<string>(6 - composite.length).fill(''), line.description);
  const minutes = isVisit(line) && line.procedureCode === PRIMARY_VISIT_CODE && line.infusionMinutes !== undefined;
  const pos = line.placeOfService !== undefined && line.placeOfService !== claim.placeOfService ? line.placeOfService : '';
  const out = [
    `LX*${line.lineNumber}`,
    `SV1*${composite.join(':')}*${money(line.chargeAmount)}*${minutes ? 'MJ' : 'UN'}*${minutes ? line.infusionMinutes : line.units}*${pos}**1`,
    line.serviceDateEnd === undefined ? `DTP*472*D8*${compactDate(line.serviceDate)}` : `DTP*472*RD8*${compactDate(line.serviceDate)}-${compactDate(line.serviceDateEnd)}`,
  ];
  if (line.drug) {
    out.push(`LIN**N4*${line.drug.ndc}`);
    if (line.drug.quantity !== undefined || line.drug.unit !== undefined) out.push(`CTP****${line.drug.quantity ?? ''}*${line.drug.unit ?? ''}`);
  }
  // A visit line's nurse is the claim's rendering provider (2310B); any other line names its own (2420A).
  if (line.performedBy && !isVisit(line)) out.push('NM1*82*1*NURSE*LINE****XX*1245319599', `PRV*PE*PXC*${TAXONOMY[line.performedBy]}`);
  return out;
}

const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const CPT = 'http://www.ama-assn.org/go/cpt';
const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';
const NDC = 'http://hl7.org/fhir/sid/ndc';
const NPI = 'http://hl7.org/fhir/sid/us-npi';

/** A FHIR R4 Bundle (type collection) of one Claim per claim, each with its Patient, Coverage and payer contained. */
export function writeFhirBundle(claims: readonly ClaimInput[]): Record<string, unknown> {
  return { resourceType: 'Bundle', type: 'collection', entry: claims.map((claim) => ({ resource: fhirClaim(claim) })) };
}

function fhirClaim(claim: ClaimInput): Record<string, unknown> {
  const visitPerformer = claim.lines.find((line) => isVisit(line) && line.performedBy)?.performedBy;
  return {
    resourceType: 'Claim',
    contained: [
      { resourceType: 'Patient', id: 'pat', name: [{ family: claim.patient.lastName ?? 'Member', given: [claim.patient.firstName ?? 'Example'] }], ...(claim.patient.birthDate ? { birthDate: claim.patient.birthDate } : {}) },
      { resourceType: 'Coverage', id: 'cov', status: 'active', subscriberId: claim.patient.memberId, beneficiary: { reference: '#pat' }, payor: [{ reference: '#payer' }] },
      { resourceType: 'Organization', id: 'payer', identifier: [{ system: 'urn:claim-scrubber:payer-id', value: claim.payer.id }], name: claim.payer.name ?? claim.payer.id },
    ],
    identifier: [{ system: 'urn:riverbend:claim', value: claim.claimId }],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'claim',
    patient: { reference: '#pat' },
    created: claim.submittedAt ?? '2026-03-02T09:00:00Z',
    insurer: { reference: '#payer' },
    provider: { identifier: { system: NPI, value: claim.billingProvider.npi } },
    priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
    ...(claim.renderingProvider?.npi
      ? {
          careTeam: [
            {
              sequence: 1,
              provider: { identifier: { system: NPI, value: claim.renderingProvider.npi } },
              role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole', code: 'primary' }] },
              ...(visitPerformer ? { qualification: { coding: [{ system: 'http://nucc.org/provider-taxonomy', code: TAXONOMY[visitPerformer] }] } } : {}),
            },
          ],
        }
      : {}),
    diagnosis: (claim.diagnosisCodes ?? ['A41.9']).map((code, i) => ({ sequence: i + 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] } })),
    insurance: [{ sequence: 1, focal: true, coverage: { reference: '#cov' }, extension: [{ url: 'urn:claim-scrubber:fhir:payer-type', valueCode: claim.payer.type }] }],
    item: claim.lines.map((line) => fhirItem(claim, line)),
  };
}

function fhirItem(claim: ClaimInput, line: Line): Record<string, unknown> {
  const minutes = line.procedureCode === PRIMARY_VISIT_CODE && line.infusionMinutes !== undefined;
  const pos = line.placeOfService ?? claim.placeOfService;
  return {
    sequence: line.lineNumber,
    ...(isVisit(line) && claim.renderingProvider?.npi ? { careTeamSequence: [1] } : {}),
    productOrService: { coding: [{ system: /^\d/.test(line.procedureCode) ? CPT : HCPCS, code: line.procedureCode }], ...(line.description !== undefined ? { text: line.description } : {}) },
    ...(line.modifiers?.length ? { modifier: line.modifiers.map((code) => ({ coding: [{ system: HCPCS, code }] })) } : {}),
    ...(line.serviceDateEnd === undefined ? { servicedDate: line.serviceDate } : { servicedPeriod: { start: line.serviceDate, end: line.serviceDateEnd } }),
    ...(pos ? { locationCodeableConcept: { coding: [{ system: POS, code: pos }] } } : {}),
    quantity: minutes ? { value: line.infusionMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' } : { value: line.units },
    ...(line.chargeAmount !== undefined ? { net: { value: line.chargeAmount, currency: 'USD' } } : {}),
    ...(line.drug
      ? {
          detail: [
            {
              sequence: 1,
              productOrService: { coding: [{ system: NDC, code: line.drug.ndc }] },
              ...(line.drug.quantity !== undefined ? { quantity: { value: line.drug.quantity, ...(line.drug.unit ? { code: line.drug.unit } : {}) } } : {}),
            },
          ],
        }
      : {}),
  };
}
