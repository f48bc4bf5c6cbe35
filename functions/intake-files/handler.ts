import { createIntakeFilesHandler } from './create-handler.ts';
import { intakeFilesDepsFromEnv } from './dependencies.ts';

/** The Lambda entry point: invoked asynchronously by the inbox bucket's object-created notifications. */
export const handler = createIntakeFilesHandler(intakeFilesDepsFromEnv(process.env));
