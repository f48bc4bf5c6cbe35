import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { PROJECT_ROOT } from './bundling.ts';
import { ClaimScrubberStack, contextFromArgs, stackPropsFromContext } from './claim-scrubber-stack.ts';
import { COMPLIANCE_PACK_NAMES, compliancePacks } from './compliance.ts';

/**
 * Run by the CDK CLI (`npx cdk deploy`, which sets CDK_OUTDIR and passes -c options itself) or directly
 * (`npm run synth -- -c alarmEmail=…`, which writes cdk.out without the CLI). The stack is
 * environment-agnostic (no account, region or lookups), so synthesis needs no AWS credentials;
 * `cdk deploy` takes the account and region from the caller's AWS profile. Context: -c stackName=…
 * and the props of stackPropsFromContext.
 */
const underCli = process.env.CDK_OUTDIR !== undefined;
const app = new App({ outdir: process.env.CDK_OUTDIR ?? join(PROJECT_ROOT, 'cdk.out'), ...(underCli ? {} : { context: contextFromArgs(process.argv.slice(2)) }) });
const stackName: unknown = app.node.tryGetContext('stackName');

try {
  new ClaimScrubberStack(app, typeof stackName === 'string' && stackName !== '' ? stackName : 'ClaimScrubber', {
    description: 'HCPCS claim scrubber: SQS intake, Lambda scrub, DynamoDB code and result tables, denial-risk alerts',
    ...stackPropsFromContext(app.node),
  });
} catch (error) {
  // A prop the construct refuses (no alarm destination, a retention too short) is a usage error: its message says what to set.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

// Synthesis fails on any unacknowledged AwsSolutions, HIPAA Security or NIST 800-53 rev 5 finding, so
// nothing non-compliant reaches a deploy.
Validations.of(app).addPlugins(...compliancePacks(app));

const assembly = app.synth();
if (!underCli) {
  for (const stack of assembly.stacks) {
    console.log(`${stack.stackName}: ${Object.keys(stack.template.Resources ?? {}).length} resources → ${stack.templateFullPath}`);
    // The CLI prints the construct's warnings (alarms that notify nobody); without it, this does.
    for (const message of stack.messages.filter((m) => m.level === 'warning')) console.warn(`WARNING ${message.id}: ${String(message.entry.data)}`);
  }
  console.log(`cdk-nag ${COMPLIANCE_PACK_NAMES}: no unacknowledged findings`);
}
