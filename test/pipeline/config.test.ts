import { describe, expect, test } from 'vitest';
import { ConfigError, DEFAULT_RESULT_RETENTION_DAYS, scrubClaimsConfigFromEnv } from '../../shared/aws/config.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:claim-reference-AbCdEf';
const REQUIRED = {
  REVIEW_QUEUE_URL: 'http://q/review',
  CLEAN_QUEUE_URL: 'http://q/clean',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
  CLAIM_REFERENCE_SECRET_ARN: SECRET_ARN,
};

describe('scrub-claims configuration from the environment', () => {
  test('RESULT_RETENTION_DAYS: 400 days by default, or the whole number of days given', () => {
    expect(DEFAULT_RESULT_RETENTION_DAYS).toBe(400);
    expect(scrubClaimsConfigFromEnv(REQUIRED).resultRetentionDays).toBe(400);
    expect(scrubClaimsConfigFromEnv({ ...REQUIRED, RESULT_RETENTION_DAYS: '2555' }).resultRetentionDays).toBe(2555);
  });

  test.each(['0', '-5', '1.5', 'a year', '', '36501'])('RESULT_RETENTION_DAYS=%j is refused at start-up', (value) => {
    expect(() => scrubClaimsConfigFromEnv({ ...REQUIRED, RESULT_RETENTION_DAYS: value })).toThrow(ConfigError);
    expect(() => scrubClaimsConfigFromEnv({ ...REQUIRED, RESULT_RETENTION_DAYS: value })).toThrow(/RESULT_RETENTION_DAYS must be a whole number of days from 1 to 36500/);
  });

  test('the claim-reference key: from its Secrets Manager secret, or given directly (the local stack); required, and not too short', () => {
    expect(scrubClaimsConfigFromEnv(REQUIRED).claimReferenceKey).toEqual({ secretArn: SECRET_ARN });
    const key = 'k'.repeat(32);
    expect(scrubClaimsConfigFromEnv({ ...REQUIRED, CLAIM_REFERENCE_KEY: key }).claimReferenceKey).toEqual({ key });
    const { CLAIM_REFERENCE_SECRET_ARN: _none, ...withoutKey } = REQUIRED;
    expect(() => scrubClaimsConfigFromEnv(withoutKey)).toThrow(/CLAIM_REFERENCE_SECRET_ARN .* or CLAIM_REFERENCE_KEY/);
    expect(() => scrubClaimsConfigFromEnv({ ...REQUIRED, CLAIM_REFERENCE_KEY: 'short' })).toThrow(/at least 32 characters/);
  });

  test('the claim-check bucket: named by CLAIM_CHECK_BUCKET, else the local stack\'s default', () => {
    expect(scrubClaimsConfigFromEnv({ ...REQUIRED, CLAIM_CHECK_BUCKET: 'acme-claim-check' }).claimCheckBucket).toBe('acme-claim-check');
    expect(scrubClaimsConfigFromEnv(REQUIRED).claimCheckBucket).toBe('claims-claim-check');
  });
});
