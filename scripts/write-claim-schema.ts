// `npm run schema`: regenerates the committed JSON Schema from the claim contract. The rendering is
// domain code (shared/claim/json-schema.ts); only this script touches the file.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderClaimJsonSchema } from '../shared/claim/json-schema.ts';

export const CLAIM_SCHEMA_PATH = fileURLToPath(new URL('../schema/claim-v1.schema.json', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CLAIM_SCHEMA_PATH, renderClaimJsonSchema());
  console.log(`wrote ${CLAIM_SCHEMA_PATH}`);
}
