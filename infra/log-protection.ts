import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The CloudWatch Logs managed data identifiers for what a claim carries about a member and could leak
 * into a log line by mistake: name, address, birth date, phone, email, SSN, the Medicare numbers (HICN,
 * MBI) a member id may be, and the provider's NPI. Procedure codes (HCPCS) are left out on purpose: the
 * logs name rule findings by code, and they identify no one.
 */
export const PHI_DATA_IDENTIFIERS: readonly logs.DataIdentifier[] = [
  logs.DataIdentifier.NAME,
  logs.DataIdentifier.ADDRESS,
  // Not among the CDK's constants; the managed identifier is language and region independent.
  new logs.DataIdentifier('DateOfBirth'),
  logs.DataIdentifier.PHONENUMBER_US,
  logs.DataIdentifier.EMAILADDRESS,
  logs.DataIdentifier.SSN_US,
  logs.DataIdentifier.HEALTHINSURANCECLAIMNUMBER_US,
  logs.DataIdentifier.MEDICAREBENEFICIARYNUMBER_US,
  logs.DataIdentifier.NATIONALPROVIDERID_US,
];

/**
 * A data protection policy for a log group of the construct: CloudWatch Logs audits every event for
 * the identifiers above (the findings count in its metrics) and masks what it finds for anyone without
 * logs:Unmask. The functions never log PHI (docs/operations.md#phi); this catches a mistake.
 */
export function phiDataProtectionPolicy(): logs.DataProtectionPolicy {
  return new logs.DataProtectionPolicy({
    name: 'claim-scrubber-phi',
    description: 'Audit and mask member and provider identifiers a claim carries, should any reach a log line',
    identifiers: [...PHI_DATA_IDENTIFIERS],
  });
}
