import { afterEach, describe, expect, it, vi } from 'vitest';
import { submitCommand } from '../cli/commands/submit.ts';
import { freePort as closedPort } from './support/free-port.ts';

async function submit(args: string[]): Promise<{ code: number; errors: string[]; ms: number }> {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  const started = Date.now();
  const code = await submitCommand(args);
  return { code, errors, ms: Date.now() - started };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('claim-scrubber submit when the queue cannot be reached', () => {
  it('no stack on the endpoint: one line saying what is wrong and what to do, within seconds, exit 3', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { code, errors, ms } = await submit(['examples/04-batch.ndjson', '--endpoint-url', endpoint]);
    expect(code).toBe(3);
    expect(errors).toEqual([`claim-scrubber submit: nothing was sent: cannot reach the SQS endpoint ${endpoint}: connection refused. Is the local stack running (npm start -- --serve)? Or point --endpoint-url at it.`]);
    expect(ms).toBeLessThan(10_000);
  });

  it('a queue URL on a dead endpoint is checked before any claim is read', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { code, errors } = await submit(['examples/04-batch.ndjson', '--endpoint-url', endpoint, '--queue-url', `${endpoint}/000000000000/claims-intake`]);
    expect(code).toBe(3);
    expect(errors[0]).toMatch(/connection refused/);
  });

  it('an unknown host is named as such', async () => {
    const { code, errors } = await submit(['examples/04-batch.ndjson', '--endpoint-url', 'http://no-such-host.invalid:4566']);
    expect(code).toBe(3);
    expect(errors[0]).toMatch(/its host name is unknown/);
  });

  it('missing credentials against AWS itself say which variables to set', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SQS', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) vi.stubEnv(name, undefined);
    // No instance metadata lookups, no shared config: the credential chain ends at once.
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    const { code, errors } = await submit(['examples/04-batch.ndjson', '--region', 'us-east-1']);
    expect(code).toBe(3);
    expect(errors[0]).toMatch(/no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/);
  });
});
