import type { ScrubPorts } from '../application/ports.ts';
import { AlertPublisher } from './alert-publisher.ts';
import type { AwsClients } from './clients.ts';
import type { CodeDataReader } from './code-data-reader.ts';
import type { ScrubClaimsConfig } from './config.ts';
import { QueueSender } from './queue-sender.ts';
import { ResultRecorder, resultsRead } from './results-table.ts';

/**
 * The scrub service's ports over DynamoDB, SQS and SNS. The code data and the batch's delivery
 * records come from one BatchGetItem; each batch's rows, messages and alerts share batch requests.
 */
export function awsScrubPorts(clients: AwsClients, codeData: CodeDataReader, config: ScrubClaimsConfig): ScrubPorts {
  return {
    codeData: {
      async read(claims, claimIds) {
        const { data, alongside } = await codeData.read(claims, { [config.resultsTable]: resultsRead(claimIds, ['claimId', 'bodyHash']) });
        const rows = alongside.get(config.resultsTable) ?? [];
        return { data, delivered: new Map(rows.map((row) => [String(row.claimId), String(row.bodyHash)])) };
      },
    },
    openBatch(records, deadline) {
      const sender = new QueueSender(clients.sqs, deadline);
      const alerts = new AlertPublisher(clients.sns, config.alertTopicArn, deadline);
      return {
        results: new ResultRecorder(clients.dynamodb, config.resultsTable, deadline, records),
        outbox: { send: (destination, message) => sender.send(destination === 'review' ? config.reviewQueueUrl : config.cleanQueueUrl, message) },
        alerts,
      };
    },
  };
}
