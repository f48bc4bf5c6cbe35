import { describe, expect, test } from 'vitest';
import { ConfigError, DEFAULT_RESULT_RETENTION_DAYS, scrubClaimsConfigFromEnv } from '../../shared/aws/config.ts';

const REQUIRED = { REVIEW_QUEUE_URL: 'http://q/review', CLEAN_QUEUE_URL: 'http://q/clean', ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts' };

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
});
