import * as z from 'zod';
import { CLAIM_CONTRACT_VERSION, claimSchema } from './contract.ts';

/**
 * JSON Schema (draft 2020-12) of claim event contract v1.2, for producers in other languages. v1.1 adds
 * optional fields only (use, a line's placeOfService, documentation.attachments) and widens the claim id;
 * v1.2 adds optional line fields only (serviceDateEnd, drug, description); so every v1 claim is a v1.2 claim.
 * It describes the input shape; the NPI check digit, real calendar dates and unique line numbers
 * are checked by the scrubber itself and are stated in the descriptions.
 */
export function claimJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(claimSchema, { io: 'input', unrepresentable: 'any' });
  return {
    $id: 'https://claim-scrubber.local/schema/claim-v1.schema.json',
    title: `Claim event contract v${CLAIM_CONTRACT_VERSION}`,
    description:
      'A home-infusion claim submitted to the HCPCS claim scrubber. Also checked beyond this schema: billingProvider.npi and renderingProvider.npi pass the NPI check digit, dates are real calendar dates, a line serviceDateEnd is not before its serviceDate, lineNumber is unique within the claim, and use, when given, is claim (a preauthorization or predetermination request is rejected).',
    ...schema,
  };
}

/** The schema as committed in schema/claim-v1.schema.json: two-space indent and a final newline. */
export function renderClaimJsonSchema(): string {
  return `${JSON.stringify(claimJsonSchema(), null, 2)}\n`;
}
