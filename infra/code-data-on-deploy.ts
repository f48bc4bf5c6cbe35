import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomResource, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { LOAD_CODE_DATA_LAYOUT, PROJECT_ROOT } from './bundling.ts';

/** The custom resource's type, as the template and CloudFormation's events name it. */
export const CODE_DATA_RESOURCE_TYPE = 'Custom::CodeDataLoad';

/**
 * A digest of the data files bundled with load-code-data (the release, CPT records, payer policy).
 * It is a property of the custom resource, so a deploy that ships other data updates the resource,
 * and CloudFormation invokes the load again; a deploy that ships the same data does not.
 */
export function bundledDataDigest(root = PROJECT_ROOT, files: readonly string[] = LOAD_CODE_DATA_LAYOUT.dataFiles): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

/**
 * Loads the bundled code data as part of the deploy, so the scrubber never starts without it: a custom
 * resource whose provider is the load-code-data function itself (no provider function of its own, no
 * extra role). CloudFormation invokes it once the function and the code table exist, on the first
 * deploy and whenever the bundled data or the table changes, and fails the deploy if the load fails.
 */
export function loadCodeDataOnDeploy(scope: Construct, loadFunction: lambda.IFunction, codesTable: dynamodb.ITable, loadTimeout: Duration): CustomResource {
  return new CustomResource(scope, 'CodeDataLoad', {
    serviceToken: loadFunction.functionArn,
    resourceType: CODE_DATA_RESOURCE_TYPE,
    properties: { CodesTable: codesTable.tableName, BundledDataDigest: bundledDataDigest() },
    // An invocation that times out never answers; Lambda tries it twice more, a minute or two apart.
    serviceTimeout: Duration.seconds(Math.min(3_600, 3 * loadTimeout.toSeconds() + 300)),
  });
}
