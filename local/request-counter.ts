import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';

/**
 * Counts the commands clients send (retries excluded) by command and table: what the bench reports
 * (DynamoDB requests per claim, reads per warm batch) and what the pipeline tests assert. It lives
 * here, not with the clients, because only the local stack, the bench and the tests attach it, as
 * SDK middleware from outside; the functions never carry it.
 *
 * A request that names several tables (BatchGetItem) counts once per table in `count` and `snapshot`,
 * and once in `requests`.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly perCommand = new Map<string, number>();

  attach(client: { middlewareStack: Pick<MiddlewareStack<object, object>, 'add'> }): void {
    const count: InitializeMiddleware<object, object> = (next, context) => (args) => {
      const command = context.commandName ?? 'unknown';
      this.perCommand.set(command, (this.perCommand.get(command) ?? 0) + 1);
      for (const table of tablesOf(args.input)) {
        const key = `${command} ${table}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
      return next(args);
    };
    client.middlewareStack.add(count, { step: 'initialize', name: 'requestCounter', override: true });
  }

  /** Requests whose command name contains `command` (e.g. 'BatchGetItem'), optionally on one table; a request naming two tables counts on each. */
  count(filter: { command?: string; table?: string } = {}): number {
    let total = 0;
    for (const [key, n] of this.counts) {
      const [command = '', table = ''] = key.split(' ');
      if ((filter.command === undefined || command.includes(filter.command)) && (filter.table === undefined || table === filter.table)) total += n;
    }
    return total;
  }

  /** Requests whose command name contains `command`, each counted once whatever tables it names. */
  requests(command = ''): number {
    let total = 0;
    for (const [name, n] of this.perCommand) if (name.includes(command)) total += n;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
    this.perCommand.clear();
  }
}

/** The DynamoDB tables a command touches; '-' for SQS/SNS commands and single-table-less ones. */
function tablesOf(input: object): string[] {
  if ('TableName' in input && typeof input.TableName === 'string') return [input.TableName];
  if ('RequestItems' in input && typeof input.RequestItems === 'object' && input.RequestItems !== null) return Object.keys(input.RequestItems);
  return ['-'];
}
