import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { ALARMS_NOTIFY_NOBODY_WARNING } from '../../infra/alarm-destination.ts';
import { ClaimScrubberStack, contextFromArgs, stackPropsFromContext } from '../../infra/claim-scrubber-stack.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

const noEmail = { alarmEmail: undefined };
const alarmActions = (template: ReturnType<typeof synthStack>['template']) =>
  resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties?.AlarmActions as unknown[]);

describe('where the alarms go', () => {
  it('must be said: with no alarmEmail, alarmTopic or alarmNotifications, synthesis fails naming all three', () => {
    expect(() => synthStack(noEmail)).toThrow(/the alarms would notify nobody.*alarmEmail.*alarmTopic.*alarmNotifications: 'none'/s);
    expect(() => synthStack(noEmail)).toThrow(/-c alarmEmail=ops@example\.com.*-c alarmTopicArn=.*-c alarmNotifications=none/s);
  });

  it('may be an address, subscribed to the alarm topic', () => {
    const { template, stack } = synthStack({ alarmEmail: 'oncall@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com', TopicArn: { Ref: logicalIdOf(stack, stack.scrubber.alarmTopic) } });
  });

  it('may be a topic of your own, which every alarm then notifies (and no alarm topic is created)', () => {
    const { template } = synthStack((app) => ({ ...noEmail, alarmTopic: new sns.Topic(new Stack(app, 'Ops'), 'Pager') }));
    // The scrubber stack's topics: the alert topic only.
    template.resourceCountIs('AWS::SNS::Topic', 1);
    for (const actions of alarmActions(template)) expect(JSON.stringify(actions)).toContain('Pager');
  });

  it("may be nobody, said with alarmNotifications: 'none', which synthesis prints as a warning on the construct", () => {
    const { stack, template } = synthStack({ ...noEmail, alarmNotifications: 'none' });
    Annotations.fromStack(stack).hasWarning(`/${stack.scrubber.node.path}`, Match.stringLikeRegexp("alarmNotifications: 'none'.*Set alarmEmail or alarmTopic"));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(JSON.stringify(warnings)).toContain(ALARMS_NOTIFY_NOBODY_WARNING);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    // The alarms exist and still notify the (unsubscribed) alarm topic, so a subscription added later works.
    expect(alarmActions(template).length).toBeGreaterThan(10);
  });

  it('gives no warning when someone is notified', () => {
    const { stack } = synthStack();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('notify nobody|notifications are off'))).toEqual([]);
  });

  it("refuses 'none' together with a destination, and any other value", () => {
    expect(() => synthStack({ alarmEmail: 'ops@example.com', alarmNotifications: 'none' })).toThrow(/contradicts/);
    expect(() => synthStack({ ...noEmail, alarmNotifications: 'off' as 'none' })).toThrow(/alarmNotifications can only be 'none'/);
  });
});

describe('the CDK app', () => {
  it('reads the destination from -c options: an address, a topic ARN, or none', () => {
    const synth = (context: Record<string, string>) => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
      return new ClaimScrubberStack(app, 'App', stackPropsFromContext(app.node));
    };
    expect(() => synth({})).toThrow(/notify nobody/);
    const byTopic = synth({ alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:pager' });
    expect(byTopic.resolve(byTopic.scrubber.alarmTopic.topicArn)).toBe('arn:aws:sns:us-east-1:123456789012:pager');
    const silent = synth({ alarmNotifications: 'none' });
    expect(Annotations.fromStack(silent).findWarning('*', Match.stringLikeRegexp('notifications are off'))).toHaveLength(1);
    const byEmail = synth({ alarmEmail: 'ops@example.com' });
    const subscription = resourcesOfType(Template.fromStack(byEmail), 'AWS::SNS::Subscription')[0]?.[1];
    expect(referencedId(subscription?.Properties?.TopicArn)).toBe(logicalIdOf(byEmail, byEmail.scrubber.alarmTopic));
  });

  it('parses -c key=value for npm run synth, which runs without the CDK CLI', () => {
    expect(contextFromArgs(['-c', 'alarmEmail=ops@example.com', '--context', 'stackName=Staging', '-c=disposable=true', 'other'])).toEqual({
      alarmEmail: 'ops@example.com',
      stackName: 'Staging',
      disposable: 'true',
    });
    expect(() => contextFromArgs(['-c', 'alarmEmail'])).toThrow(/key=value/);
  });
});
