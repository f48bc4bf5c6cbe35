import { createWorklistFeedHandler } from './create-handler.ts';
import { worklistFeedDepsFromEnv } from './dependencies.ts';

/** The Lambda entry point (SQS event source on the review queue, ReportBatchItemFailures on). */
export const handler = createWorklistFeedHandler(worklistFeedDepsFromEnv(process.env));
