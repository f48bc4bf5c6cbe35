import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../shared/aws/clients.ts';
import { DEFAULT_NAMES } from '../shared/aws/config.ts';

export type ResourceNames = typeof DEFAULT_NAMES;

export interface QueueSettings {
  /** How long a received message stays hidden: the local "function timeout" must fit in it. */
  visibilityTimeoutSeconds: number;
  /** Receives before SQS moves a message to the intake DLQ. */
  maxReceiveCount: number;
}

export interface StackResources {
  names: ResourceNames;
  intakeQueueUrl: string;
  intakeQueueArn: string;
  intakeDlqUrl: string;
  reviewQueueUrl: string;
  cleanQueueUrl: string;
  alertTopicArn: string;
  /** Local only: a queue subscribed to the alert topic, so alerts can be read back (in AWS: email, chat). */
  alertInboxQueueUrl: string;
}

export const ALERT_INBOX_QUEUE = 'medicare-denial-alerts-inbox';

/**
 * Creates what the CDK stack creates, under the same default names; safe to run against resources
 * kept from an earlier run (settings are re-applied, nothing is duplicated).
 */
export async function ensureResources(clients: AwsClients, settings: QueueSettings, names: ResourceNames = DEFAULT_NAMES): Promise<StackResources> {
  await Promise.all([
    ensureTable(clients, { TableName: names.codesTable, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    ensureTable(clients, {
      TableName: names.resultsTable,
      KeySchema: [{ AttributeName: 'claimId', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'claimId', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'scrubbedAt', AttributeType: 'S' },
      ],
      // What a reviewer asks for: flagged or rejected claims, newest first.
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'scrubbedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  ]);

  const [dlq, review, clean, inbox] = await Promise.all(
    [names.intakeDlq, names.reviewQueue, names.cleanQueue, ALERT_INBOX_QUEUE].map((name) => ensureQueue(clients, name, {})),
  );
  const dlqArn = await queueArn(clients, dlq as string);
  const intake = await ensureQueue(clients, names.intakeQueue, {
    VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: settings.maxReceiveCount }),
  });
  const intakeArn = await queueArn(clients, intake);

  const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: names.alertTopic }));
  if (!TopicArn) throw new Error(`CreateTopic ${names.alertTopic} returned no ARN`);
  await ensureSubscription(clients, TopicArn, await queueArn(clients, inbox as string));

  return {
    names,
    intakeQueueUrl: intake,
    intakeQueueArn: intakeArn,
    intakeDlqUrl: dlq as string,
    reviewQueueUrl: review as string,
    cleanQueueUrl: clean as string,
    alertTopicArn: TopicArn,
    alertInboxQueueUrl: inbox as string,
  };
}

async function ensureTable(clients: AwsClients, input: CreateTableCommandInput): Promise<void> {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: input.TableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await clients.dynamodb.send(new CreateTableCommand(input));
  }
}

async function ensureQueue(clients: AwsClients, name: string, attributes: Record<string, string>): Promise<string> {
  // CreateQueue without attributes is idempotent; attributes go on separately so a changed flag applies to a kept queue.
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  if (Object.keys(attributes).length > 0) await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes }));
  return QueueUrl;
}

async function queueArn(clients: AwsClients, queueUrl: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${queueUrl} has no ARN`);
  return arn;
}

async function ensureSubscription(clients: AwsClients, topicArn: string, queueArnValue: string): Promise<void> {
  const { Subscriptions } = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  if (Subscriptions?.some((s) => s.Endpoint === queueArnValue)) return;
  await clients.sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArnValue, Attributes: { RawMessageDelivery: 'true' } }),
  );
}
