import { describe, expect, test } from 'vitest';
import { FindingsMismatchError, ValidationMismatchError } from '../bench/rules-bench.ts';
import { DataFileError } from '../cli/load-data.ts';
import { parseCommandArgs, UsageError } from '../cli/usage-error.ts';
import { CodeDataNotLoadedError, ConcurrentActivationError } from '../shared/aws/active-data.ts';
import { ConfigError, scrubClaimsConfigFromEnv } from '../shared/aws/config.ts';
import { HcpcsFileError } from '../shared/codes/hcpcs-file.ts';
import { ProjectCodesError } from '../shared/codes/project-codes.ts';
import { UnreadableInputError } from '../shared/formats/errors.ts';
import { NcciFileError } from '../shared/ncci/ncci-file.ts';
import { parsePayerPolicy, PayerPolicyError } from '../shared/payers/payer-policy.ts';

// The Lambda functions log `${error.name}: ${error.message}` and Node prints uncaught errors by name:
// without its own `name`, every one of these would read as a plain "Error".
describe('error classes name themselves', () => {
  test.each([
    ['UsageError', new UsageError('m')],
    ['DataFileError', new DataFileError('m')],
    ['CodeDataNotLoadedError', new CodeDataNotLoadedError('codes')],
    ['ConcurrentActivationError', new ConcurrentActivationError('m')],
    ['ConfigError', new ConfigError('m')],
    ['PayerPolicyError', new PayerPolicyError('m')],
    ['HcpcsFileError', new HcpcsFileError('m')],
    ['ProjectCodesError', new ProjectCodesError('m')],
    ['NcciFileError', new NcciFileError('m')],
    ['UnreadableInputError', new UnreadableInputError('m')],
    ['FindingsMismatchError', new FindingsMismatchError('m')],
    ['ValidationMismatchError', new ValidationMismatchError('m')],
  ])('%s', (name, error) => {
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: ${error.message}`);
    expect(error.stack).toMatch(new RegExp(`^${name}: `));
  });

  test('as thrown by the code that throws them', () => {
    expect(() => parseCommandArgs(['--no-such-option'], {})).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => scrubClaimsConfigFromEnv({})).toThrow(expect.objectContaining({ name: 'ConfigError' }));
    expect(() => parsePayerPolicy({ payers: 'none' })).toThrow(expect.objectContaining({ name: 'PayerPolicyError' }));
  });
});
