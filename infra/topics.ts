import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { alarmSourceConditions } from './encryption-key.ts';

/**
 * The protocols a subscription to the construct's topics may use: email (the alert and alarm
 * addresses), and the queue, function or HTTPS endpoint docs/deploy.md suggests for alerts. Plain HTTP
 * would carry them unencrypted, and SMS and mobile push leave AWS for carriers.
 */
export const SUBSCRIPTION_PROTOCOLS = ['email', 'email-json', 'sqs', 'lambda', 'https'] as const;

/** Medicare denial-risk alerts, one per claim (claim references and rule ids only, no PHI), published by the scrub function. */
export function createAlertTopic(scope: Construct, key: kms.IKey, topicName: string | undefined): sns.Topic {
  const topic = new sns.Topic(scope, 'AlertTopic', {
    topicName,
    displayName: 'Claim scrubber: Medicare denial risk',
    masterKey: key,
    enforceSSL: true,
  });
  denyOtherProtocols(topic);
  return topic;
}

/** Where every alarm of the construct notifies: the topic given, or a new encrypted one CloudWatch may publish to. */
export function alarmTopicOf(scope: Construct, key: kms.IKey, given: sns.ITopic | undefined, topicName: string | undefined): sns.ITopic {
  return given ?? createAlarmTopic(scope, key, topicName);
}

export interface EmailSubscriptions {
  readonly alertTopic: sns.ITopic;
  readonly alarmTopic: sns.ITopic;
  readonly alertEmail: string | undefined;
  readonly alarmEmail: string | undefined;
  /** Where SNS puts a notification it gave up delivering, instead of dropping it. */
  readonly deadLetterQueue: sqs.IQueue;
}

/** The addresses given, each subscribed with the dead-letter queue, so an undeliverable alert or alarm is kept. */
export function subscribeEmails(s: EmailSubscriptions): void {
  if (s.alertEmail) s.alertTopic.addSubscription(new EmailSubscription(s.alertEmail, { deadLetterQueue: s.deadLetterQueue }));
  if (s.alarmEmail) s.alarmTopic.addSubscription(new EmailSubscription(s.alarmEmail, { deadLetterQueue: s.deadLetterQueue }));
}

function createAlarmTopic(scope: Construct, key: kms.IKey, topicName: string | undefined): sns.Topic {
  const topic = new sns.Topic(scope, 'AlarmTopic', { topicName, displayName: 'Claim scrubber: alarms', masterKey: key, enforceSSL: true });
  // The SSL-only policy replaces SNS's default topic policy, so CloudWatch needs its own grant to publish.
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: alarmSourceConditions(),
    }),
  );
  denyOtherProtocols(topic);
  return topic;
}

/** A subscription with any protocol but SUBSCRIPTION_PROTOCOLS is refused, whoever asks. */
function denyOtherProtocols(topic: sns.Topic): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'SubscribeWithApprovedProtocolsOnly',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Subscribe'],
      resources: [topic.topicArn],
      conditions: { StringNotEquals: { 'sns:Protocol': [...SUBSCRIPTION_PROTOCOLS] } },
    }),
  );
}
