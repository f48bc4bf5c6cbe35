import { Validations } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCEPTED_FINDINGS } from '../../infra/claim-scrubber.ts';
import { acknowledgements, inVpc, nagViolations, synthStack } from './support.ts';

describe('cdk-nag: AwsSolutions, HIPAA Security and NIST 800-53 rev 5', { timeout: 60_000 }, () => {
  it.each([
    ['default props', {}],
    ['reserved concurrency, emails, names', { reservedConcurrency: 10, alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com', names: { intakeQueue: 'claims-intake', inboxBucket: 'acme-claims-inbox' } }],
  ])('reports no unacknowledged finding, error or warning (%s)', (_name, props) => {
    const { app, stack } = synthStack(props);
    expect(nagViolations(app, stack)).toEqual([]);
  });

  it('stays clean when the functions run in a VPC', () => {
    const { app, stack } = synthStack(inVpc);
    // Only the scrubber stack is checked: the VPC's own findings (flow logs and the like) are the network owner's.
    expect(nagViolations(app, stack)).toEqual([]);
  });

  it('acknowledges every HIPAA Security finding under its NIST 800-53 rev 5 id too, with the same reason', () => {
    const acks = acknowledgements(synthStack().stack);
    const hipaa = acks.filter((a) => a.rule.startsWith('HIPAA.Security-'));
    expect(hipaa.length).toBeGreaterThan(10);
    for (const ack of hipaa) {
      const nist = acks.find((a) => a.path === ack.path && a.rule === ack.rule.replace('HIPAA.Security-', 'NIST.800.53.R5-'));
      expect(nist?.reason, `${ack.rule} on ${ack.path}`).toBe(ack.reason);
    }
  });

  it('gives every acknowledgement a written reason', () => {
    const { stack } = synthStack();
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(typeof ack.reason, `${ack.rule} on ${ack.path}`).toBe('string');
      expect((ack.reason as string).length, `${ack.rule} on ${ack.path}`).toBeGreaterThanOrEqual(80);
      expect(ack.reason).not.toContain(ack.rule);
    }
    for (const finding of Object.values(ACCEPTED_FINDINGS)) expect(finding.reason.split(' ').length).toBeGreaterThanOrEqual(15);
  });

  it('acknowledges findings on the constructs they concern, never on the stack or the construct as a whole', () => {
    const { stack } = synthStack();
    for (const ack of acknowledgements(stack)) {
      expect(ack.path).not.toBe(stack.node.path);
      expect(ack.path).not.toBe(stack.scrubber.node.path);
    }
  });

  describe('with acknowledgements switched off', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('would fail on findings of all three packs, NIST 800-53 rev 5 included', () => {
      vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
      const { app, stack } = synthStack();
      const packs = new Set(nagViolations(app, stack).map((v) => v.pack));
      expect([...packs].sort()).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5']);
    });

    it('reports exactly the findings the construct acknowledges: none is stale, none is broader than needed', () => {
      const acknowledged = acknowledgements(synthStack().stack).map((a) => `${a.rule} @ ${a.path}`);
      vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
      const { app, stack } = synthStack();
      const reported = nagViolations(app, stack).map((v) => {
        // A finding is reported on the L1 resource; the acknowledgement sits on the L2 construct above it.
        const owner = acknowledged.find((a) => a.startsWith(`${v.rule} @ `) && (v.path ?? '').startsWith(`${a.split(' @ ')[1]}/`));
        return owner ?? `${v.rule} @ ${v.path} (not acknowledged anywhere)`;
      });
      expect([...new Set(reported)].sort()).toEqual([...new Set(acknowledged)].sort());
    });
  });
});
