import { afterEach, describe, expect, it } from 'vitest';
import { intakeFilesDepsFromEnv } from '../../functions/intake-files/dependencies.ts';
import { scrubClaimsDepsFromEnv } from '../../functions/scrub-claims/dependencies.ts';
import { tracingWanted } from '../../functions/tracing.ts';
import { CLAIM_CHECK_BUCKET_ENV, CLAIM_REFERENCE_ENV } from '../../shared/aws/config.ts';
import { logicalIdOf, synthStack } from './support.ts';

const SCRUB_ENV = {
  AWS_REGION: 'us-east-1',
  REVIEW_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/review',
  CLEAN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/clean',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:alerts',
  [CLAIM_CHECK_BUCKET_ENV]: 'claim-check',
  [CLAIM_REFERENCE_ENV.secretArn]: 'arn:aws:secretsmanager:us-east-1:1:secret:claim-reference',
};
const INTAKE_ENV = { AWS_REGION: 'us-east-1', INTAKE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/intake', [CLAIM_REFERENCE_ENV.secretArn]: SCRUB_ENV[CLAIM_REFERENCE_ENV.secretArn] };
const LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' };

/** The names of the middleware on a client's stack: the X-Ray SDK's is how a traced client is told apart. */
const middlewareOf = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().join(' ');
const XRAY = /XRaySDKInstrumentation/;

describe('tracing', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(LAMBDA)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('is wanted in Lambda only, and never with POWERTOOLS_TRACE_ENABLED=false (the local stack has neither variable)', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ AWS_EXECUTION_ENV: '' })).toBe(false);
    expect(tracingWanted(LAMBDA)).toBe(true);
    expect(tracingWanted({ ...LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
  });

  it('leaves the clients alone outside Lambda, as the local stack runs the handlers', () => {
    const deps = scrubClaimsDepsFromEnv(SCRUB_ENV);
    expect(deps.tracer.isTracingEnabled()).toBe(false);
    const intake = intakeFilesDepsFromEnv(INTAKE_ENV);
    expect(intake.tracer.isTracingEnabled()).toBe(false);
    for (const client of [intake.dynamodb, intake.sqs, intake.s3]) expect(middlewareOf(client)).not.toMatch(XRAY);
  });

  it('traces every AWS call of the scrub function in Lambda: DynamoDB, SQS and SNS clients carry the X-Ray middleware', async () => {
    Object.assign(process.env, LAMBDA);
    const { createAwsClients } = await import('../../shared/aws/clients.ts');
    const clients = createAwsClients({ region: 'us-east-1', endpoints: {} }, {});
    const deps = scrubClaimsDepsFromEnv({ ...SCRUB_ENV, ...LAMBDA }, clients);
    expect(deps.tracer.isTracingEnabled()).toBe(true);
    for (const client of [clients.dynamodb, clients.sqs, clients.sns]) expect(middlewareOf(client)).toMatch(XRAY);
  });

  it('traces the intake-files function\'s S3, SQS and DynamoDB clients in Lambda', () => {
    Object.assign(process.env, LAMBDA);
    const deps = intakeFilesDepsFromEnv({ ...INTAKE_ENV, ...LAMBDA });
    expect(deps.tracer.isTracingEnabled()).toBe(true);
    for (const client of [deps.dynamodb, deps.sqs, deps.s3]) expect(middlewareOf(client)).toMatch(XRAY);
  });

  it('is active on every function of the stack (Lambda sends the traces the clients add to)', () => {
    const { stack, template } = synthStack();
    for (const fn of [stack.scrubber.scrubFunction, stack.scrubber.intakeFilesFunction, stack.scrubber.loadCodeDataFunction]) {
      expect(template.toJSON().Resources[logicalIdOf(stack, fn)].Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });
});
