import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, Node } from 'constructs';
import { ClaimScrubber, type ClaimScrubberProps } from './claim-scrubber.ts';
import { worklistFromContext } from './worklist-context.ts';

export interface ClaimScrubberStackProps extends StackProps {
  readonly scrubber?: ClaimScrubberProps;
  /** An existing SNS topic the alarms notify (the construct's `alarmTopic`, by ARN). @default - scrubber.alarmTopic */
  readonly alarmTopicArn?: string;
}

/**
 * The deployable app: one ClaimScrubber and the outputs the README's commands read
 * (`aws cloudformation describe-stacks --query "Stacks[0].Outputs"`).
 */
export class ClaimScrubberStack extends Stack {
  readonly scrubber: ClaimScrubber;

  constructor(scope: Construct, id: string, props: ClaimScrubberStackProps = {}) {
    super(scope, id, props);
    const alarmTopic = props.alarmTopicArn === undefined ? undefined : sns.Topic.fromTopicArn(this, 'AlarmTopicGiven', props.alarmTopicArn);
    this.scrubber = new ClaimScrubber(this, 'ClaimScrubber', { ...props.scrubber, ...(alarmTopic ? { alarmTopic } : {}) });
    const s = this.scrubber;
    const outputs: Record<string, [string, string]> = {
      IntakeQueueUrl: [s.intakeQueue.queueUrl, 'Send claims here (claim event contract v1, one claim per message)'],
      ReviewQueueUrl: [s.reviewQueue.queueUrl, 'Flagged and rejected claims with their scrub results'],
      CleanQueueUrl: [s.cleanQueue.queueUrl, 'Clean claims with their scrub results'],
      IntakeDeadLetterQueueUrl: [s.intakeDeadLetterQueue.queueUrl, 'Intake messages that failed maxReceiveCount deliveries'],
      ReviewDeadLetterQueueUrl: [s.reviewDeadLetterQueue.queueUrl, 'Review messages your consumer failed to process'],
      CleanDeadLetterQueueUrl: [s.cleanDeadLetterQueue.queueUrl, 'Clean messages your consumer failed to process'],
      CodesTableName: [s.codesTable.tableName, 'CODES_TABLE_NAME for load-code-data'],
      ResultsTableName: [s.resultsTable.tableName, 'One row per submitter (billing NPI) and claim id; index byStatus lists results by status and date'],
      AlertTopicArn: [s.alertTopic.topicArn, 'Medicare denial-risk alerts, one per claim (no PHI)'],
      AlarmTopicArn: [s.alarmTopic.topicArn, 'CloudWatch alarm notifications'],
      ScrubFunctionName: [s.scrubFunction.functionName, 'The scrub-claims Lambda function'],
      LoadCodeDataFunctionName: [s.loadCodeDataFunction.functionName, 'Loads the bundled code release (the deploy invokes it; invoke it to switch back to that release)'],
      InboxBucketName: [s.inbox.bucketName, 'Put claims files (X12 837P, FHIR, claim JSON) under incoming/; each report appears under reports/'],
      IntakeFilesFunctionName: [s.intakeFilesFunction.functionName, 'The intake-files Lambda function the inbox bucket triggers'],
      IntakeFilesDeadLetterQueueUrl: [s.intakeFilesDeadLetterQueue.queueUrl, 'S3 events of files the intake-files function failed on three times'],
      NotificationDeadLetterQueueUrl: [s.notificationDeadLetterQueue.queueUrl, 'Alerts and alarm notifications SNS could not deliver to a subscription'],
      ClaimCheckBucketName: [s.claimCheckBucket.bucketName, 'Bodies of routed messages too large for SQS, under claim-check/; the message points to its object'],
      ClaimReferenceSecretArn: [s.claimReferenceSecret.secretArn, 'Key of the keyed hash that names claims in logs, metrics and alerts'],
      DashboardName: [s.dashboard.dashboardName, 'CloudWatch dashboard'],
      EncryptionKeyArn: [s.key.keyArn, 'The customer managed key of every queue, table, topic and log group'],
    };
    if (s.worklist) {
      outputs.WorklistUrl = [s.worklist.url, 'The review worklist page; a claim is at <url>/#/claims/<claim reference>'];
      outputs.UserPoolId = [s.worklist.users.userPool.userPoolId, 'The worklist users (aws cognito-idp admin-create-user --user-pool-id …)'];
      outputs.WorklistTableName = [s.worklist.table.tableName, 'The review worklist: items, their history and audit trail'];
    }
    for (const [id, [value, description]] of Object.entries(outputs)) new CfnOutput(this, id, { value, description });
  }
}

/**
 * What `cdk deploy -c key=value` (or `npm run synth -- -c key=value`) can set: where alarms go
 * (alarmEmail, alarmTopicArn, or alarmNotifications=none), alertEmail, disposable=true for a test
 * account (tables, queues, logs and key deleted with the stack, no deletion protection), and the review
 * worklist (worklistOrganisations, worklistDomainPrefix; see worklist-context.ts).
 */
export function stackPropsFromContext(node: Node): Pick<ClaimScrubberStackProps, 'scrubber' | 'alarmTopicArn'> {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const disposable = [true, 'true'].includes(node.tryGetContext('disposable') as boolean | string);
  const alarmNotifications = text('alarmNotifications');
  return {
    scrubber: {
      alarmEmail: text('alarmEmail'),
      alertEmail: text('alertEmail'),
      // Passed on as given: the construct rejects any value but 'none', naming the props to use.
      ...(alarmNotifications === undefined ? {} : { alarmNotifications: alarmNotifications as 'none' }),
      ...(disposable ? { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false } : {}),
      ...worklistFromContext(text),
    },
    alarmTopicArn: text('alarmTopicArn'),
  };
}

/**
 * The `-c key=value` (or `--context key=value`) pairs of a command line, for `npm run synth`, which
 * runs the app without the CDK CLI that would otherwise read them.
 */
export function contextFromArgs(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const inline = /^(?:-c|--context)=(.*)$/.exec(arg);
    const pair = inline ? inline[1] : arg === '-c' || arg === '--context' ? args[++i] : undefined;
    if (pair === undefined) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`context must be key=value, got '${pair}'`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
