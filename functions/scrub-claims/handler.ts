import { createScrubClaimsHandler } from './create-handler.ts';
import { scrubClaimsDepsFromEnv } from './dependencies.ts';

/** The Lambda entry point (SQS event source on the intake queue, ReportBatchItemFailures on). */
export const handler = createScrubClaimsHandler(scrubClaimsDepsFromEnv(process.env));
