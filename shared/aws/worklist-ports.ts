import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ClaimCheckLocation, OutgoingMessage } from '../application/ports.ts';
import type { ClaimCheckReader, WorklistOutbox } from '../application/worklist/ports.ts';
import type { ClaimMessage } from '../intake/claim-message.ts';
import { sendToIntake } from './intake.ts';
import { stringAttributes } from './queue-sender.ts';

/** The worklist's messages: corrections to the intake queue as any hand-in goes, releases to the clean queue. */
export class SqsWorklistOutbox implements WorklistOutbox {
  private readonly sqs: SQSClient;
  private readonly queues: { intakeQueueUrl: string; cleanQueueUrl: string };

  constructor(sqs: SQSClient, queues: { intakeQueueUrl: string; cleanQueueUrl: string }) {
    this.sqs = sqs;
    this.queues = queues;
  }

  async sendCorrection(message: ClaimMessage): Promise<void> {
    const outcome = await sendToIntake(this.sqs, this.queues.intakeQueueUrl, [message], { retryBudgetMs: 10_000 });
    const failure = outcome.failures[0];
    if (failure) throw failure.error;
  }

  async release(message: OutgoingMessage): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queues.cleanQueueUrl, MessageBody: message.body, MessageAttributes: stringAttributes(message.attributes) }));
  }
}

/** Reads a routed message the scrubber kept in S3 because it was too large for the queue. */
export class S3ClaimCheckReader implements ClaimCheckReader {
  private readonly s3: S3Client;

  constructor(s3: S3Client) {
    this.s3 = s3;
  }

  async get(location: ClaimCheckLocation): Promise<string> {
    const response = await this.s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    if (!response.Body) throw new Error('the claim-check object has no body');
    return response.Body.transformToString('utf8');
  }
}
