import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../shared/aws/clients.ts';
import { DEFAULT_NAMES } from '../shared/aws/config.ts';
import { keyAttributes, TABLE_SCHEMAS, type IndexProjection, type TableSchema } from '../shared/aws/table-schemas.ts';

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
  await Promise.all(localTableInputs(names).map((input) => ensureTable(clients, input)));

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

/**
 * The CreateTable requests of the tables the CDK stack creates, from the same schemas
 * (shared/aws/table-schemas.ts): same keys, same indexes, same projections. Not the TTL attribute:
 * dynalite has no UpdateTimeToLive, so local rows are never expired.
 */
export function localTableInputs(names: Pick<ResourceNames, keyof typeof TABLE_SCHEMAS> = DEFAULT_NAMES): CreateTableCommandInput[] {
  return (Object.keys(TABLE_SCHEMAS) as Array<keyof typeof TABLE_SCHEMAS>).map((table) => createTableInput(names[table], TABLE_SCHEMAS[table]));
}

export function createTableInput(tableName: string, schema: TableSchema): CreateTableCommandInput {
  const keySchema = (partitionKey: TableSchema['partitionKey'], sortKey: TableSchema['sortKey']) => [
    { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    KeySchema: keySchema(schema.partitionKey, schema.sortKey),
    AttributeDefinitions: keyAttributes(schema).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    ...(schema.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: schema.globalIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: projection(index.projection),
          })),
        }
      : {}),
    BillingMode: 'PAY_PER_REQUEST',
  };
}

function projection(p: IndexProjection): NonNullable<CreateTableCommandInput['GlobalSecondaryIndexes']>[number]['Projection'] {
  return p.type === 'INCLUDE' ? { ProjectionType: p.type, NonKeyAttributes: [...p.nonKeyAttributes] } : { ProjectionType: p.type };
}

/** Creates the table unless it exists. A table kept from an earlier run (--data-dir) keeps the indexes it was created with. */
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

export async function queueArn(clients: AwsClients, queueUrl: string): Promise<string> {
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
