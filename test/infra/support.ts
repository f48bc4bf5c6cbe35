import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { ClaimScrubberProps } from '../../infra/claim-scrubber.ts';
import { ClaimScrubberStack } from '../../infra/claim-scrubber-stack.ts';
import { compliancePacks } from '../../infra/compliance.ts';

export interface Synthesized {
  app: App;
  stack: ClaimScrubberStack;
  template: Template;
}

/** What every synthesized test stack gets unless the test says otherwise: the construct requires an alarm destination. */
export const TEST_ALARM_EMAIL = 'ops@example.com';

/**
 * The stack with bundling skipped (about 100 ms instead of seconds): for assertions on the template.
 * Props that need constructs of their own (a VPC) are made by a function of the app. `alarmEmail`
 * defaults to TEST_ALARM_EMAIL; pass `alarmEmail: undefined` to leave it out.
 */
export function synthStack(scrubber: ClaimScrubberProps | ((app: App) => ClaimScrubberProps) = {}): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const props = typeof scrubber === 'function' ? scrubber(app) : scrubber;
  const stack = new ClaimScrubberStack(app, 'Test', { scrubber: { alarmEmail: TEST_ALARM_EMAIL, ...props } });
  return { app, stack, template: Template.fromStack(stack) };
}

export interface Violation {
  pack: string;
  rule: string;
  severity: string | undefined;
  path: string | undefined;
}

/** Every unacknowledged finding of the AwsSolutions, HIPAA Security and NIST 800-53 rev 5 packs, one entry per resource. */
export function nagViolations(app: App, stack: Stack): Violation[] {
  return compliancePacks(app).flatMap((pack) =>
    pack
      .validateScope(stack)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ pack: pack.name, rule: v.ruleName, severity: v.severity, path: r.constructPath }))),
  );
}

export interface Acknowledgement {
  /** Construct path the acknowledgement is recorded on. */
  path: string;
  /** The rule id as cdk-nag reports it (without CDK's `Annotation::` prefix). */
  rule: string;
  reason: unknown;
}

export function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: construct.node.path, rule: id.replace(/^annotation::/i, ''), reason })),
      ),
  );
}

export type CfnResource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export function resourcesOfType(template: Template, type: string): Array<[string, CfnResource]> {
  return Object.entries(template.findResources(type) as Record<string, CfnResource>);
}

/** The logical id a `{Ref}` or `{Fn::GetAtt}` points at, or undefined for anything else. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) return String(value['Fn::GetAtt'][0]);
  return undefined;
}

export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const child = construct.node.defaultChild ?? construct;
  return stack.getLogicalId(child as Parameters<Stack['getLogicalId']>[0]);
}

/** Props placing the functions in a VPC of another stack of the same app. */
export function inVpc(app: App): ClaimScrubberProps {
  const vpc = new ec2.Vpc(new Stack(app, 'Network'), 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return { vpc };
}
