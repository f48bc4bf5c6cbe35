import type { FieldError } from '../../claim/validate.ts';
import { UnreadableInputError } from '../errors.ts';
import type { TopValue } from '../json/top-value.ts';
import { NoteCounter } from '../notes.ts';
import { escapedErrors } from '../../claim/safe-text.ts';
import type { FileCounts, FhirPosition, IntakeItem } from '../types.ts';
import { mapFhirClaim } from './map-claim.ts';
import { isResource, ResourceIndex } from './resource-index.ts';

/** Why a file read as FHIR is refused when its first lines parse as nothing. */
export const NOT_FHIR_JSON = 'the input is not FHIR JSON or NDJSON';

/**
 * Reads FHIR as its top-level values arrive: a Claim, a Bundle whose entries hold Claims (and the
 * Patient, Coverage, Organization and Practitioner resources they refer to), an array of those, or
 * NDJSON of them (bulk-data export). Every Claim becomes an item; other resources only serve
 * references. A Bundle is one value, read whole (its references need it); NDJSON streams.
 */
export function readFhirValues(values: AsyncIterable<TopValue>): { items: AsyncIterable<IntakeItem>; counts: () => FileCounts } {
  const notes = new NoteCounter();
  let claimsRead = 0;
  let rejected = 0;
  const item = (claim: Record<string, unknown>, position: FhirPosition, index: ResourceIndex): IntakeItem => {
    const reference = typeof claim.id === 'string' ? { reference: `Claim/${claim.id}` } : {};
    const at: FhirPosition = { ...position, ...reference };
    const mapped = mapFhirClaim(claim, index, notes);
    const i = claimsRead++;
    if (mapped.ok) return { kind: 'claim', index: i, claim: mapped.claim, claimId: mapped.claim.claimId, position: at };
    rejected++;
    return { kind: 'rejected', index: i, claimId: mapped.claimId, position: at, errors: escapedErrors(mapped.errors) };
  };
  const refused = (position: FhirPosition, error: FieldError): IntakeItem => {
    rejected++;
    return { kind: 'rejected', index: claimsRead++, claimId: null, position, errors: [error] };
  };

  async function* items(): AsyncGenerator<IntakeItem> {
    for await (const top of values) {
      const where = top.line === undefined ? {} : { line: top.line };
      if (top.parseError !== undefined) {
        yield refused({ format: 'fhir', path: top.line === undefined ? '(document)' : 'NDJSON', ...where }, { path: '', message: top.parseError });
        continue;
      }
      const value = top.value;
      if (!isResource(value)) {
        yield refused({ format: 'fhir', path: '(document)', ...where }, { path: 'resourceType', message: 'is required: a FHIR Claim or Bundle' });
      } else if (value.resourceType === 'Claim') {
        yield item(value, { format: 'fhir', path: 'Claim', ...where }, new ResourceIndex());
      } else if (value.resourceType === 'Bundle') {
        yield* bundleItems(value, where, item, notes);
      } else {
        notes.add(`${value.resourceType.replace(/[^A-Za-z]/g, '').slice(0, 40)} resource outside a Bundle skipped: only Claims are read`);
      }
    }
    if (claimsRead === 0) throw new UnreadableInputError('the FHIR input holds no Claim resource');
  }
  return { items: items(), counts: () => ({ format: 'fhir', claimsRead, rejected, notes: notes.list() }) };
}

function* bundleItems(
  bundle: Record<string, unknown>,
  where: { line?: number },
  item: (claim: Record<string, unknown>, position: FhirPosition, index: ResourceIndex) => IntakeItem,
  notes: NoteCounter,
): Generator<IntakeItem> {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  const index = new ResourceIndex();
  entries.forEach((entry, i) => {
    const e = entry as { resource?: unknown; fullUrl?: unknown } | null;
    index.add(e?.resource, `Bundle.entry[${i}].resource`, typeof e?.fullUrl === 'string' ? e.fullUrl : undefined);
  });
  let claims = 0;
  for (const [i, entry] of entries.entries()) {
    const resource = (entry as { resource?: unknown } | null)?.resource;
    if (isResource(resource) && resource.resourceType === 'Claim') {
      claims++;
      yield item(resource, { format: 'fhir', path: `Bundle.entry[${i}].resource`, ...where }, index);
    }
  }
  if (claims === 0) notes.add('Bundle without a Claim entry skipped');
}
