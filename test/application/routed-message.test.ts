import { describe, expect, it } from 'vitest';
import { readIntakeRecord } from '../../shared/application/intake-record.ts';
import { outputMessage, ROUTED_MESSAGE_VERSION } from '../../shared/application/routing.ts';
import { scrubClaim } from '../../shared/scrub/scrub.ts';
import { claim, claimInput, line } from '../support/claims.ts';
import { TEST_CLAIM_REFERENCE_KEY } from '../support/claim-reference-key.ts';
import { scrubData } from '../support/scrub-data.ts';

describe('the routed message (review and clean queues, format v3)', () => {
  it('carries rule ids, severities, lines and messages, not the rules\' explanations, so a claim with many findings stays small', () => {
    // 50 lines of an unknown code with four modifiers each: a finding per line and modifier.
    const lines = Array.from({ length: 50 }, (_, i) => line(i + 1, 'S9999', { modifiers: ['SS', 'ZZ', 'QQ', 'XX'] }));
    const input = claimInput({ lines });
    const result = scrubClaim(claim({ lines }), scrubData());
    expect(result.findings.length).toBeGreaterThan(100);
    const body = JSON.stringify(input);
    const message = outputMessage(readIntakeRecord({ messageId: 'm-1', body, receiveCount: 1, attributes: {} }, TEST_CLAIM_REFERENCE_KEY), body, result);
    const routed = JSON.parse(message.body) as { messageVersion: number; result: { findings: Array<Record<string, unknown>>; rulesetVersion: string } };
    expect(routed.messageVersion).toBe(ROUTED_MESSAGE_VERSION);
    expect(routed.result.findings[0]).toEqual({ ruleId: result.findings[0]?.ruleId, severity: result.findings[0]?.severity, lineNumber: 1, message: result.findings[0]?.message });
    expect(message.body).not.toContain('In simple words');
    // The same claim with every explanation copied in was several times larger.
    expect(Buffer.byteLength(message.body)).toBeLessThan(Buffer.byteLength(JSON.stringify(result)) / 2);
    expect(Buffer.byteLength(message.body)).toBeLessThan(64 * 1024);
  });
});
