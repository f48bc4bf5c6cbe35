import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { scrubberPropsFromContext } from '../../infra/claim-scrubber-stack.ts';
import { resourcesOfType, synthStack } from './support.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = /^## Deploy to AWS$([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
const { template } = synthStack();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('README "Deploy to AWS"', () => {
  it('exists', () => {
    expect(section.length).toBeGreaterThan(1_000);
  });

  it('reads only outputs the stack has', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    const named = [...section.matchAll(/\$\(out (\w+)\)/g), ...section.matchAll(/`([A-Z]\w+(?:Url|Arn|Name))`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !outputs.includes(name as string))).toEqual([]);
  });

  it('states the defaults the stack has', () => {
    const esm = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')[0]?.[1].Properties as { BatchSize: number; ScalingConfig: { MaximumConcurrency: number } };
    const redrive = Object.values(resources).find((r) => r.Type === 'AWS::SQS::Queue' && r.Properties.RedrivePolicy)?.Properties.RedrivePolicy as { maxReceiveCount: number };
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as { MetricName: string; Threshold: number; Period: number });
    const age = alarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    const denial = alarms.find((a) => a.MetricName === 'MedicareDenialRisk');

    expect(section).toContain(`${esm.BatchSize} claims per batch, up to ${esm.ScalingConfig.MaximumConcurrency} at once`);
    expect(section).toContain(`batches of ${esm.BatchSize} claims`);
    expect(section).toContain(`after ${redrive.maxReceiveCount} failed deliveries`);
    expect(section).toContain(`waited ${(age?.Threshold ?? 0) / 60} minutes`);
    expect(section).toContain(`${denial?.Threshold} or more denial-risk claims arrive in an ${denial?.Period === 3600 ? 'hour' : '?'}`);
    expect(section).toContain(`${alarms.length} alarms`);
    expect(section).toContain(`1,000,000 ÷ ${esm.BatchSize}`);
  });

  it('describes the context options app.ts understands', () => {
    const app = new App({ context: { alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com', disposable: 'true' } });
    expect(scrubberPropsFromContext(app.node)).toMatchObject({ alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com', deletionProtection: false });
    expect(scrubberPropsFromContext(new App().node)).toEqual({ alarmEmail: undefined, alertEmail: undefined });
    for (const option of ['-c alarmEmail=', '-c alertEmail=', '-c stackName=', '-c disposable=true']) expect(section).toContain(option);
  });
});
