import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/aws/config.ts';
import { DEFAULT_MAX_FILE_MB, intakeFilesConfigFromEnv } from '../../shared/aws/intake-files-config.ts';

const env = { INTAKE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/claims-intake' };

describe('the intake-files function’s configuration', () => {
  it('reads files of up to 100 MiB by default; MAX_CLAIMS_FILE_MB sets another limit', () => {
    expect(DEFAULT_MAX_FILE_MB).toBe(100);
    expect(intakeFilesConfigFromEnv(env).maxFileBytes).toBe(100 * 1_048_576);
    expect(intakeFilesConfigFromEnv({ ...env, MAX_CLAIMS_FILE_MB: '50' }).maxFileBytes).toBe(50 * 1_048_576);
    expect(intakeFilesConfigFromEnv({ ...env, MAX_CLAIMS_FILE_MB: '0.5' }).maxFileBytes).toBe(524_288);
  });

  it.each(['0', '-1', 'lots', ''])('refuses MAX_CLAIMS_FILE_MB=%j at start-up', (value) => {
    expect(() => intakeFilesConfigFromEnv({ ...env, MAX_CLAIMS_FILE_MB: value })).toThrow(ConfigError);
    expect(() => intakeFilesConfigFromEnv({ ...env, MAX_CLAIMS_FILE_MB: value })).toThrow('MAX_CLAIMS_FILE_MB must be a number of MiB greater than 0');
  });
});
