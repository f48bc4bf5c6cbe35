import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** What every queue of the construct shares: KMS with its key, TLS only, one retention, one removal policy. */
export interface QueueDefaults {
  readonly key: kms.IKey;
  readonly retentionPeriod: Duration;
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
  const dlq = createQueue(scope, defaults, `${options.idPrefix}DeadLetterQueue`, options.deadLetterQueueName);
  const main = createQueue(scope, defaults, `${options.idPrefix}Queue`, options.queueName, {
    visibilityTimeout: options.visibilityTimeout,
    deadLetterQueue: { queue: dlq, maxReceiveCount: options.maxReceiveCount },
  });
  return [main, dlq];
}

export function createQueue(
  scope: Construct,
  defaults: QueueDefaults,
  id: string,
  queueName: string | undefined,
  extra: Pick<sqs.QueueProps, 'visibilityTimeout' | 'deadLetterQueue'> = {},
): sqs.Queue {
  return new sqs.Queue(scope, id, {
    queueName,
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: defaults.key,
    enforceSSL: true,
    retentionPeriod: defaults.retentionPeriod,
    removalPolicy: defaults.removalPolicy,
    ...extra,
  });
}
