// The JSON-contract reader lives with the other claim formats; the CLI keeps its old import path.
export { splitClaimsDocument, type ClaimInputItem } from '../shared/formats/json/split-claims-document.ts';
export { UnreadableInputError } from '../shared/formats/errors.ts';
