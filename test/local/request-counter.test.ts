import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import { describe, expect, test } from 'vitest';
import { RequestCounter } from '../../local/request-counter.ts';

const config = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** Answers every request in the initialize step, after the counter: the SDK's real stack, no network. */
function answering<C extends { middlewareStack: Pick<MiddlewareStack<object, object>, 'add'> }>(client: C): C {
  const answer: InitializeMiddleware<object, object> = () => async () => ({ output: { $metadata: {} }, response: {} });
  client.middlewareStack.add(answer, { step: 'initialize', priority: 'low', name: 'answer' });
  return client;
}

describe('RequestCounter (attached from outside, as the local stack and the bench do)', () => {
  test('counts DynamoDB requests by command and table; one naming two tables counts once as a request', async () => {
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(config));
    const counter = new RequestCounter();
    counter.attach(ddb);
    answering(ddb);
    await ddb.send(new BatchGetCommand({ RequestItems: { results: { Keys: [{ claimId: 'a' }] }, codes: { Keys: [{ pk: 'p' }] } } }));
    await ddb.send(new GetCommand({ TableName: 'codes', Key: { pk: 'ACTIVE' } }));
    await ddb.send(new BatchWriteCommand({ RequestItems: { results: [{ PutRequest: { Item: { claimId: 'a' } } }] } }));

    expect(counter.requests('GetItem')).toBe(2);
    expect(counter.count({ command: 'GetItem' })).toBe(3);
    expect(counter.count({ command: 'GetItem', table: 'codes' })).toBe(2);
    expect(counter.requests('BatchWriteItem')).toBe(1);
    expect(counter.snapshot()).toEqual({
      'BatchGetItemCommand results': 1,
      'BatchGetItemCommand codes': 1,
      'GetItemCommand codes': 1,
      'BatchWriteItemCommand results': 1,
    });
    counter.reset();
    expect(counter.requests()).toBe(0);
  });

  test('counts SQS requests too, under the table "-"; clients it was not attached to are not counted', async () => {
    const counter = new RequestCounter();
    const counted = answering(new SQSClient(config));
    counter.attach(counted);
    const other = answering(new SQSClient(config));
    const batch = new SendMessageBatchCommand({ QueueUrl: 'q', Entries: [{ Id: '0', MessageBody: 'm' }] });
    await counted.send(batch);
    await other.send(batch);
    expect(counter.snapshot()).toEqual({ 'SendMessageBatchCommand -': 1 });
  });
});
