import { readFileSync } from 'node:fs';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createIntakeFilesHandler, type IntakeFilesHandler } from '../../functions/intake-files/create-handler.ts';
import { intakeFilesDepsFromEnv, type IntakeFilesDeps } from '../../functions/intake-files/dependencies.ts';
import type { Env } from '../../shared/aws/config.ts';
import { CLAIM_VERSION_ATTRIBUTE, claimVersion } from '../../shared/intake/claim-version.ts';
import { createS3Client } from '../../shared/aws/s3-client.ts';
import { unquote } from '../../shared/aws/s3-objects.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { localIntakeFiles } from '../../local/intake-files.ts';
import { ensureBucket, objectCreatedEvent } from '../../local/s3-inbox.ts';
import { startLocalStack, type LocalStack } from '../../local/stack.ts';
import { brokenEnvelopeFile, x12Path } from '../intake/support.ts';
import { logicalIdOf, synthStack } from '../infra/support.ts';
import { isCustomNamespace, metricKey, metricWriters, watchedMetrics, type MetricId } from '../infra/watched-metrics.ts';
import { captureProcessOutput } from './support/capture-output.ts';
import { brokenClaim, cleanClaim, flaggedClaim, medicareSuiteClaim } from './support/claims.ts';
import { scrubFunction, sqsEvent, sqsRecord } from './support/direct-invoke.ts';

/*
 * The alarms and the dashboard read metrics by namespace, name and service dimension; a metric the
 * functions stopped writing (renamed, moved to another dimension) would leave an alarm that never
 * fires and a graph that stays empty. So: run the real handlers, configured as the synthesized
 * template configures them, on the local stack, through every outcome, and check that each metric
 * watched in the template's own namespace came out of them at least once as EMF.
 */

const { stack: cdkStack, template } = synthStack();
const watched = watchedMetrics(template).filter((m) => isCustomNamespace(m.namespace));
const writers = metricWriters(template);

/** POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE exactly as the template sets them on the function. */
function powertoolsEnvOf(fn: Parameters<typeof logicalIdOf>[1]): Env {
  const writer = writers.find((w) => w.logicalId === logicalIdOf(cdkStack, fn));
  if (!writer) throw new Error(`${fn.node.id} writes no metrics in the template`);
  return { POWERTOOLS_SERVICE_NAME: writer.service, POWERTOOLS_METRICS_NAMESPACE: writer.namespace };
}
const scrubEnv = powertoolsEnvOf(cdkStack.scrubber.scrubFunction);
const intakeFilesEnv = powertoolsEnvOf(cdkStack.scrubber.intakeFilesFunction);

const BUCKET = 'claims-inbox';
let stack: LocalStack;
let s3: S3Client;
let output: ReturnType<typeof captureProcessOutput>;
const intakeDeps: IntakeFilesDeps[] = [];

beforeAll(async () => {
  // Metrics are what this test is about: the pipeline harness switches them off for the other tests.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  output = captureProcessOutput();
  // No poller: each handler is invoked here, so every outcome is produced on purpose and exactly once.
  stack = await startLocalStack({ poll: false, logLevel: 'ERROR' });
  s3 = createS3Client({ region: 'us-east-1', endpoints: { s3: stack.sqsSns.url } }, {});
  await ensureBucket(s3, BUCKET);
}, 60_000);
afterAll(async () => {
  for (const deps of intakeDeps) for (const client of [deps.s3, deps.sqs, deps.dynamodb]) client.destroy();
  s3?.destroy();
  await stack?.stop();
  vi.restoreAllMocks();
});

/** The intake-files handler, configured like the local stack's plus the template's Powertools variables and `env`. */
function intakeFilesHandler(env: Env = {}): IntakeFilesHandler {
  const deps = intakeFilesDepsFromEnv({ ...localIntakeFiles(stack).env, ...intakeFilesEnv, ...env });
  intakeDeps.push(deps);
  return createIntakeFilesHandler(deps);
}

async function putFile(key: string, body: string): Promise<Parameters<IntakeFilesHandler>[0]> {
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  return objectCreatedEvent(BUCKET, 'us-east-1', { key, eTag: unquote(ETag ?? ''), size: 0 });
}

const context = (timeoutMs: number): Context => lambdaContext('intake-files', 'us-east-1', Date.now() + timeoutMs);

/** Every metric in the EMF lines written so far, as namespace, name and dimensions. */
function emittedMetrics(text: string): MetricId[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .flatMap((line) => {
      const emf = JSON.parse(line) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
      };
      return emf._aws.CloudWatchMetrics.flatMap((directive) =>
        directive.Dimensions.flatMap((set) =>
          directive.Metrics.map((metric) => ({
            namespace: directive.Namespace,
            metricName: metric.Name,
            dimensions: Object.fromEntries(set.map((name) => [name, String(emf[name])])),
          })),
        ),
      );
    });
}

test('every metric an alarm or the dashboard watches in the functions\' namespace is written by the real handlers', { timeout: 120_000 }, async () => {
  // Scrub: clean, flagged, rejected and Medicare denial risk in one batch; the clean claim again (a duplicate delivery).
  const scrub = scrubFunction(stack, undefined, scrubEnv);
  const first = await scrub.invoke(sqsEvent([cleanClaim('MET-CLEAN'), flaggedClaim('MET-FLAGGED'), brokenClaim('MET-REJECTED'), medicareSuiteClaim('MET-MEDICARE')].map((c) => sqsRecord(c))));
  expect(first.batchItemFailures).toEqual([]);
  const again = await scrub.invoke(sqsEvent([sqsRecord(cleanClaim('MET-CLEAN'))]));
  expect(again.batchItemFailures).toEqual([]);
  // An outdated delivery: a copy of a claim handed in before the copy already routed.
  const versioned = (claim: object, handedInAt: string) => {
    const record = sqsRecord(claim);
    record.messageAttributes = { [CLAIM_VERSION_ATTRIBUTE]: { dataType: 'String', stringValue: claimVersion(Date.parse(handedInAt)) } };
    return record;
  };
  expect((await scrub.invoke(sqsEvent([versioned(cleanClaim('MET-OUTDATED'), '2026-03-02T00:00:00Z')]))).batchItemFailures).toEqual([]);
  expect((await scrub.invoke(sqsEvent([versioned(flaggedClaim('MET-OUTDATED'), '2026-03-01T00:00:00Z')]))).batchItemFailures).toEqual([]);
  // A failed record: its review queue does not exist, so routing it fails and SQS would deliver it again.
  // Beside a clean claim, which still goes through: a batch that fails whole is an invocation error instead.
  const broken = scrubFunction(stack, undefined, { ...scrubEnv, REVIEW_QUEUE_URL: `${stack.resources.reviewQueueUrl}-missing` });
  const failed = await broken.invoke(sqsEvent([sqsRecord(cleanClaim('MET-CLEAN-2')), sqsRecord(flaggedClaim('MET-FAILED'), { messageId: 'failed-1' })]), 4_000);
  expect(failed.batchItemFailures).toEqual([{ itemIdentifier: 'failed-1' }]);

  // Intake files: a processed file with rejected claims, its event again (duplicate), an unreadable file,
  // and a file whose claims cannot be sent (incomplete: the intake queue does not exist).
  const intake = intakeFilesHandler();
  const rejects = await putFile('incoming/metrics-rejects.837', readFileSync(x12Path('x12_home_infusion_rejects.txt'), 'latin1'));
  await intake(rejects, context(60_000));
  await intake(rejects, context(60_000));
  await intake(await putFile('incoming/metrics-broken.837', brokenEnvelopeFile('MET-')), context(60_000));
  const cannotSend = intakeFilesHandler({ INTAKE_QUEUE_URL: `${stack.resources.intakeQueueUrl}-missing` });
  // A short deadline: the function retries sending for half its remaining time before it gives up.
  await expect(cannotSend(await putFile('incoming/metrics-unsent.837', readFileSync(x12Path('x12_home_infusion_claims.txt'), 'latin1')), context(3_000))).rejects.toThrow(
    /not processed/,
  );

  const emitted = new Set(emittedMetrics(output.text()).map(metricKey));
  expect(emitted.size).toBeGreaterThan(0);
  const missing = watched.filter((m) => !emitted.has(metricKey(m))).map((m) => `${metricKey(m)} (watched by ${m.watchedBy})`);
  expect(missing).toEqual([]);
});
