import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { PROJECT_ROOT } from './bundling.ts';
import { ClaimScrubberStack, scrubberPropsFromContext } from './claim-scrubber-stack.ts';

/**
 * Run by the CDK CLI (`npx cdk deploy`, which sets CDK_OUTDIR) or directly (`npm run synth`, which
 * writes cdk.out without the CLI). The stack is environment-agnostic (no account, region or lookups),
 * so synthesis needs no AWS credentials; `cdk deploy` takes the account and region from the caller's
 * AWS profile. Context: -c stackName=… and the props of scrubberPropsFromContext.
 */
const app = new App({ outdir: process.env.CDK_OUTDIR ?? join(PROJECT_ROOT, 'cdk.out') });
const stackName: unknown = app.node.tryGetContext('stackName');

new ClaimScrubberStack(app, typeof stackName === 'string' && stackName !== '' ? stackName : 'ClaimScrubber', {
  description: 'HCPCS claim scrubber: SQS intake, Lambda scrub, DynamoDB code and result tables, denial-risk alerts',
  scrubber: scrubberPropsFromContext(app.node),
});

// Synthesis fails on any unacknowledged AwsSolutions or HIPAA Security finding, so nothing non-compliant reaches a deploy.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));

const assembly = app.synth();
if (!process.env.CDK_OUTDIR) {
  for (const stack of assembly.stacks) console.log(`${stack.stackName}: ${Object.keys(stack.template.Resources ?? {}).length} resources → ${stack.templateFullPath}`);
  console.log('cdk-nag AwsSolutions and HIPAA Security: no unacknowledged findings');
}
