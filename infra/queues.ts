import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** What every queue of the construct shares: KMS with its key, TLS only, one removal policy, and two retentions. */
export interface QueueDefaults {
  readonly key: kms.IKey;
  /** Retention of the queues messages are sent to: intake, review and clean. */
  readonly messageRetention: Duration;
  /** Retention of the dead-letter queues: longer, since a dead letter keeps its first enqueue time. */
  readonly deadLetterRetention: Duration;
  readonly removalPolicy: RemovalPolicy;
}

export interface QueuePairOptions {
  /** Construct ids are `<idPrefix>Queue` and `<idPrefix>DeadLetterQueue`. */
  readonly idPrefix: string;
  readonly queueName: string | undefined;
  readonly deadLetterQueueName: string | undefined;
  /** Deliveries of a message before SQS moves it to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeout?: Duration;
}

/** A queue and its own dead-letter queue; returns [queue, dead-letter queue]. */
export function createQueuePair(scope: Construct, defaults: QueueDefaults, options: QueuePairOptions): [sqs.Queue, sqs.Queue] {
  const dlq = createDeadLetterQueue(scope, defaults, `${options.idPrefix}DeadLetterQueue`, options.deadLetterQueueName);
  const main = createQueue(scope, defaults, `${options.idPrefix}Queue`, options.queueName, defaults.messageRetention, {
    visibilityTimeout: options.visibilityTimeout,
    deadLetterQueue: { queue: dlq, maxReceiveCount: options.maxReceiveCount },
  });
  return [main, dlq];
}

/** A queue that receives what failed elsewhere (an SQS redrive, Lambda's asynchronous retries, SNS deliveries). */
export function createDeadLetterQueue(scope: Construct, defaults: QueueDefaults, id: string, queueName: string | undefined): sqs.Queue {
  return createQueue(scope, defaults, id, queueName, defaults.deadLetterRetention);
}

function createQueue(
  scope: Construct,
  defaults: QueueDefaults,
  id: string,
  queueName: string | undefined,
  retentionPeriod: Duration,
  extra: Pick<sqs.QueueProps, 'visibilityTimeout' | 'deadLetterQueue'> = {},
): sqs.Queue {
  return new sqs.Queue(scope, id, {
    queueName,
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: defaults.key,
    enforceSSL: true,
    retentionPeriod,
    removalPolicy: defaults.removalPolicy,
    ...extra,
  });
}
