import type { Env } from '../shared/aws/config.ts';
import { createIntakeFilesHandler, type IntakeFilesHandler } from '../functions/intake-files/create-handler.ts';
import { intakeFilesDepsFromEnv, type IntakeFilesDeps } from '../functions/intake-files/dependencies.ts';
import type { LocalStack } from './stack.ts';
import { INTAKE_FILES_SERVICE_NAME } from '../functions/intake-files/metric-names.ts';

export interface LocalIntakeFiles {
  /** The environment the function was configured from: AWS's, plus the emulators' endpoints. */
  env: Env;
  deps: IntakeFilesDeps;
  handler: IntakeFilesHandler;
  stop(): void;
}

/** The intake-files Lambda handler, configured against the local stack exactly as the CDK stack configures it in AWS. */
export function localIntakeFiles(stack: LocalStack, options: { logLevel?: string; holdClaims?: number } = {}): LocalIntakeFiles {
  const env: Env = {
    AWS_REGION: stack.handlerEnv.AWS_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamo.url,
    AWS_ENDPOINT_URL_SQS: stack.sqsSns.url,
    // fauxqs serves S3 on the SQS/SNS port.
    AWS_ENDPOINT_URL_S3: stack.sqsSns.url,
    INTAKE_QUEUE_URL: stack.resources.intakeQueueUrl,
    RESULTS_TABLE_NAME: stack.resources.names.resultsTable,
    POWERTOOLS_SERVICE_NAME: INTAKE_FILES_SERVICE_NAME,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? stack.handlerEnv.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
  const built = intakeFilesDepsFromEnv(env);
  const deps = options.holdClaims === undefined ? built : { ...built, holdClaims: options.holdClaims };
  return {
    env,
    deps,
    handler: createIntakeFilesHandler(deps),
    stop() {
      deps.s3.destroy();
      deps.sqs.destroy();
      deps.dynamodb.destroy();
    },
  };
}
