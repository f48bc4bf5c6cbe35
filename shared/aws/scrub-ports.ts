import type { ScrubPorts } from '../application/ports.ts';
import type { RecordedVersion } from '../application/stored-result.ts';
import { AlertPublisher } from './alert-publisher.ts';
import { S3ClaimCheckStore } from './claim-check-store.ts';
import type { AwsClients } from './clients.ts';
import type { CodeDataReader } from './code-data-reader.ts';
import type { ScrubClaimsConfig } from './config.ts';
import { QueueSender } from './queue-sender.ts';
import { ResultRecorder, resultsRead } from './results-table.ts';
import { createS3Client } from './s3-client.ts';
import { RESULTS_PARTITION_KEY } from './table-schemas.ts';

/**
 * The scrub service's ports over DynamoDB, SQS, SNS and S3. The code data and the batch's recorded
 * versions come from one BatchGetItem; each batch's messages and alerts share batch requests.
 */
export function awsScrubPorts(clients: AwsClients, codeData: CodeDataReader, config: ScrubClaimsConfig): ScrubPorts {
  let s3: ReturnType<typeof createS3Client> | undefined;
  return {
    codeData: {
      async read(claims, resultKeys) {
        const projection = [RESULTS_PARTITION_KEY, 'contentHash', 'version', 'alert'] as const;
        const { data, alongside } = await codeData.read(claims, { [config.resultsTable]: resultsRead(resultKeys, projection) });
        const rows = alongside.get(config.resultsTable) ?? [];
        return { data, recorded: new Map(rows.map((row) => [String(row[RESULTS_PARTITION_KEY]), row as unknown as RecordedVersion])) };
      },
    },
    openBatch(_records, deadline) {
      const sender = new QueueSender(clients.sqs, deadline);
      const alerts = new AlertPublisher(clients.sns, config.alertTopicArn, deadline);
      return {
        results: new ResultRecorder(clients.dynamodb, config.resultsTable, deadline),
        outbox: {
          send: (destination, message) => sender.send(destination === 'review' ? config.reviewQueueUrl : config.cleanQueueUrl, message),
          fits: (message) => sender.fits(message),
        },
        // Made on first use: most containers never see a claim too large for SQS.
        claimChecks: { put: (name, body) => new S3ClaimCheckStore((s3 ??= createS3Client(config)), config.claimCheckBucket, deadline).put(name, body) },
        alerts,
      };
    },
  };
}
