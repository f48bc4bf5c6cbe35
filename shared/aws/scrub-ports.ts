import type { ScrubPorts } from '../application/ports.ts';
import type { RecordedVersion } from '../application/stored-result.ts';
import { AlertPublisher } from './alert-publisher.ts';
import type { S3ClaimCheckStore } from './claim-check-store.ts';
import type { AwsClients } from './clients.ts';
import type { CodeDataReader } from './code-data-reader.ts';
import type { ScrubClaimsConfig } from './config.ts';
import { QueueSender } from './queue-sender.ts';
import { ResultRecorder, resultsRead } from './results-table.ts';
import { RESULTS_PARTITION_KEY } from './table-schemas.ts';

/**
 * The scrub service's ports over DynamoDB, SQS, SNS and S3. The code data and the batch's recorded
 * versions come from one BatchGetItem; each batch's messages and alerts share batch requests.
 */
export function awsScrubPorts(clients: AwsClients, codeData: CodeDataReader, config: ScrubClaimsConfig): ScrubPorts {
  let claimCheckStore: Promise<(deadline: number) => S3ClaimCheckStore> | undefined;
  return {
    codeData: {
      async read(claims, resultKeys) {
        const projection = [RESULTS_PARTITION_KEY, 'contentHash', 'version', 'alert', 'destination'] as const;
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
        // Loaded and made on first use: most containers never see a claim too large for SQS, and the S3
        // client would add to every cold start.
        claimChecks: {
          put: async (name, body) => {
            claimCheckStore ??= claimCheckStoreFactory(config).catch((error: unknown) => {
              claimCheckStore = undefined;
              throw error;
            });
            return (await claimCheckStore)(deadline).put(name, body);
          },
        },
        alerts,
      };
    },
  };
}

async function claimCheckStoreFactory(config: ScrubClaimsConfig): Promise<(deadline: number) => S3ClaimCheckStore> {
  const [{ S3ClaimCheckStore }, { createS3Client }] = await Promise.all([import('./claim-check-store.ts'), import('./s3-client.ts')]);
  const s3 = createS3Client(config);
  return (deadline) => new S3ClaimCheckStore(s3, config.claimCheckBucket, deadline);
}
