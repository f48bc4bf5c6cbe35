import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { PHI_DATA_IDENTIFIERS } from '../../infra/log-protection.ts';
import { logicalIdOf, referencedId, resourcesOfType, synthStack } from './support.ts';

interface DataProtectionStatement {
  Sid: string;
  DataIdentifier: unknown[];
  Operation: { Audit?: unknown; Deidentify?: { MaskConfig: object } };
}

const { stack, template } = synthStack();
const logGroups = () => resourcesOfType(template, 'AWS::Logs::LogGroup');
/** The managed identifier names a policy lists, from their ARNs (arn:<partition>:dataprotection::aws:data-identifier/<name>). */
const identifierNames = (statement: DataProtectionStatement) =>
  statement.DataIdentifier.map((arn) => {
    const text = JSON.stringify(stack.resolve(arn));
    return /data-identifier\/([\w-]+)/.exec(text)?.[1];
  });

describe('log groups', () => {
  it('are one per function, all of them created by the construct', () => {
    expect(logGroups()).toHaveLength(3);
    for (const fn of [stack.scrubber.scrubFunction, stack.scrubber.intakeFilesFunction, stack.scrubber.loadCodeDataFunction]) {
      const config = template.toJSON().Resources[logicalIdOf(stack, fn)].Properties.LoggingConfig as { LogGroup: unknown };
      expect(logGroups().map(([id]) => id)).toContain(referencedId(config.LogGroup));
    }
  });

  it('each audit and mask the member and provider identifiers a claim carries (data protection policy)', () => {
    const wanted = ['Name', 'Address', 'DateOfBirth', 'PhoneNumber-US', 'EmailAddress', 'Ssn-US', 'HealthInsuranceClaimNumber-US', 'MedicareBeneficiaryNumber-US', 'NationalProviderId-US'];
    expect(PHI_DATA_IDENTIFIERS.map((d) => d.name).sort()).toEqual([...wanted].sort());
    for (const [id, group] of logGroups()) {
      const policy = group.Properties?.DataProtectionPolicy as { Statement: DataProtectionStatement[] } | undefined;
      expect(policy, id).toBeDefined();
      const audit = policy?.Statement.find((st) => st.Operation.Audit);
      const mask = policy?.Statement.find((st) => st.Operation.Deidentify);
      expect(identifierNames(audit as DataProtectionStatement).sort(), id).toEqual([...wanted].sort());
      expect(identifierNames(mask as DataProtectionStatement).sort(), id).toEqual([...wanted].sort());
      expect(mask?.Operation.Deidentify).toEqual({ MaskConfig: {} });
    }
  });

  it('leave procedure codes readable: the logs name findings by HCPCS code, which identifies no one', () => {
    expect(JSON.stringify(template.findResources('AWS::Logs::LogGroup'))).not.toContain('HealthcareProcedureCode');
  });

  it('are encrypted with the construct key and keep logs for logRetention (one year by default)', () => {
    for (const [, group] of logGroups()) {
      expect(referencedId(group.Properties?.KmsKeyId)).toBe(logicalIdOf(stack, stack.scrubber.key));
      expect(group.Properties?.RetentionInDays).toBe(365);
    }
    const custom = synthStack({ logRetention: logs.RetentionDays.THREE_MONTHS });
    for (const [, group] of resourcesOfType(custom.template, 'AWS::Logs::LogGroup')) expect(group.Properties?.RetentionInDays).toBe(90);
  });
});
