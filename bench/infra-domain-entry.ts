/**
 * The infra bench's "domain alone" bundle: what the scrub handler uses of the project's own code
 * (reading an intake record, validation, the rules, routing) and nothing of AWS or Powertools.
 * ScrubBatch is the scrub function's whole use of the domain; its ports are what the AWS adapters fill.
 */
export { ScrubBatch } from '../shared/application/scrub-batch.ts';
export { readIntakeRecord } from '../shared/application/intake-record.ts';
