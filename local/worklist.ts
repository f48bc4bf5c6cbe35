import { createWorklistApiHandler } from '../functions/worklist-api/create-handler.ts';
import { worklistApiDepsFromEnv } from '../functions/worklist-api/dependencies.ts';
import { WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME } from '../functions/worklist-api/metric-names.ts';
import { createWorklistFeedHandler } from '../functions/worklist-feed/create-handler.ts';
import { worklistFeedDepsFromEnv } from '../functions/worklist-feed/dependencies.ts';
import { createAwsClients } from '../shared/aws/clients.ts';
import type { Env } from '../shared/aws/config.ts';
import { WORKLIST_ENV } from '../shared/aws/worklist-config.ts';
import { buildPageInMemory } from '../web/build.ts';
import { queueArn } from './resources.ts';
import { SqsEventSource } from './sqs-event-source.ts';
import type { LocalStack } from './stack.ts';
import { startWorklistServer, type WorklistServer } from './worklist-server.ts';
import { localUsers, type LocalUsers } from './worklist-users.ts';

export interface LocalWorklistOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Where the users file is kept; in memory (random passwords for this run) when absent. */
  dataDir?: string;
}

export interface LocalWorklist {
  url: string;
  users: LocalUsers;
  server: WorklistServer;
  feed: SqsEventSource;
  stop(): Promise<void>;
}

/**
 * The review worklist on the local stack, as the construct deploys it in AWS: the feed function on the
 * review queue, the API function behind a server that verifies tokens as API Gateway's JWT authorizer
 * does, and the page. The same handler code as in Lambda, configured from environment variables.
 */
export async function startLocalWorklist(stack: LocalStack, options: LocalWorklistOptions): Promise<LocalWorklist> {
  const users = await localUsers(options.dataDir);
  const region = stack.handlerEnv.AWS_REGION ?? 'us-east-1';
  const env: Env = {
    ...stack.handlerEnv,
    [WORKLIST_ENV.table]: stack.resources.names.worklistTable,
    [WORKLIST_ENV.organisations]: JSON.stringify(users.organisations),
    [WORKLIST_ENV.intakeQueueUrl]: stack.resources.intakeQueueUrl,
    [WORKLIST_ENV.cleanQueueUrl]: stack.resources.cleanQueueUrl,
  };
  const clients = createAwsClients({ region, endpoints: { dynamodb: stack.dynamo.url, sqs: stack.sqsSns.url, sns: stack.sqsSns.url } }, {});
  const api = createWorklistApiHandler(worklistApiDepsFromEnv({ ...env, POWERTOOLS_SERVICE_NAME: WORKLIST_API_SERVICE_NAME }, clients));
  const feedHandler = createWorklistFeedHandler(worklistFeedDepsFromEnv({ ...env, POWERTOOLS_SERVICE_NAME: WORKLIST_FEED_SERVICE_NAME }, clients));
  const feed = new SqsEventSource({
    sqs: clients.sqs,
    queueUrl: stack.resources.reviewQueueUrl,
    queueArn: await queueArn(clients, stack.resources.reviewQueueUrl),
    region,
    functionName: WORKLIST_FEED_SERVICE_NAME,
    handlers: [feedHandler],
    batchSize: 10,
    maxBatchingWindowMs: 0,
    waitTimeSeconds: 1,
    functionTimeoutMs: 30_000,
  });
  const server = await startWorklistServer({ page: await buildPageInMemory(), api, users, region, port: options.port, ...(options.host ? { host: options.host } : {}) });
  feed.start();
  return {
    url: server.url,
    users,
    server,
    feed,
    async stop() {
      await Promise.all([server.stop(), feed.stop()]);
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
