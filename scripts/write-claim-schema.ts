import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { claimJsonSchema } from './json-schema.ts';

export const CLAIM_SCHEMA_PATH = fileURLToPath(new URL('../../schema/claim-v1.schema.json', import.meta.url));

export function renderClaimJsonSchema(): string {
  return `${JSON.stringify(claimJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CLAIM_SCHEMA_PATH, renderClaimJsonSchema());
  console.log(`wrote ${CLAIM_SCHEMA_PATH}`);
}
