import type { Documentation, PayerType } from '../../claim/contract.ts';
import { PAYER_TYPES } from '../../claim/contract.ts';
import { escapeControls } from '../../claim/safe-text.ts';
import { findRule, meansMedicareDenial } from '../../rules/catalog.ts';
import { isJsonObject } from '../claim-identity.ts';
import type { RoutedFinding } from '../routing.ts';
import type { ClaimView, FindingView, LineView } from './api.ts';

/**
 * The claim as the page shows it, read defensively: a rejected claim may break the contract anywhere,
 * so every field is taken only when it has the expected type. The member is reduced to what finds the
 * chart: the member id and the patient's name as "LAST, F." (docs/worklist.md says why).
 */
export function claimViewOf(claim: unknown): ClaimView | null {
  if (!isJsonObject(claim)) return null;
  const payer = objectOr(claim.payer);
  const billing = objectOr(claim.billingProvider);
  const rendering = isJsonObject(claim.renderingProvider) ? claim.renderingProvider : undefined;
  const patient = objectOr(claim.patient);
  return {
    claimId: text(claim.claimId) ?? '',
    payer: { id: text(payer.id) ?? '', name: text(payer.name), type: payerType(payer.type) },
    billingProvider: { npi: text(billing.npi) ?? '', name: text(billing.name) },
    renderingProvider: rendering ? { npi: text(rendering.npi), credential: text(rendering.credential) } : null,
    member: { memberId: text(patient.memberId) ?? '', name: memberName(text(patient.lastName), text(patient.firstName)) },
    placeOfService: text(claim.placeOfService),
    diagnosisCodes: Array.isArray(claim.diagnosisCodes) ? claim.diagnosisCodes.flatMap((c) => (typeof c === 'string' ? [escapeControls(c)] : [])) : [],
    lines: Array.isArray(claim.lines) ? claim.lines.flatMap((line, i) => (isJsonObject(line) ? [lineView(line, i)] : [])) : [],
    documentation: isJsonObject(claim.documentation) ? (claim.documentation as Documentation) : null,
  };
}

/** Each finding with its rule's plain-words explanation and remediation (a routed message carries neither). */
export function findingViews(findings: readonly RoutedFinding[]): FindingView[] {
  return findings.map((finding) => {
    const rule = findRule(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      severity: finding.severity,
      ...(finding.lineNumber === undefined ? {} : { lineNumber: finding.lineNumber }),
      message: finding.message,
      explanation: rule?.explanation ?? '',
      remediation: rule?.remediation ?? '',
      medicareDenial: meansMedicareDenial(finding),
    };
  });
}

function lineView(line: Record<string, unknown>, index: number): LineView {
  return {
    lineNumber: typeof line.lineNumber === 'number' ? line.lineNumber : index + 1,
    procedureCode: text(line.procedureCode) ?? '',
    modifiers: Array.isArray(line.modifiers) ? line.modifiers.flatMap((m) => (typeof m === 'string' ? [escapeControls(m)] : [])) : [],
    units: typeof line.units === 'number' ? line.units : 0,
    infusionMinutes: typeof line.infusionMinutes === 'number' ? line.infusionMinutes : null,
    serviceDate: text(line.serviceDate) ?? '',
    placeOfService: text(line.placeOfService),
    performedBy: text(line.performedBy),
    chargeAmount: typeof line.chargeAmount === 'number' ? line.chargeAmount : null,
  };
}

/** "LAST, F.": enough to match the chart with the member id, without the full name. */
export function memberName(last: string | null, first: string | null): string | null {
  if (!last) return null;
  return first ? `${last.toUpperCase()}, ${first.slice(0, 1).toUpperCase()}.` : last.toUpperCase();
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? escapeControls(value) : null;
}

function objectOr(value: unknown): Record<string, unknown> {
  return isJsonObject(value) ? value : {};
}

function payerType(value: unknown): PayerType {
  return (PAYER_TYPES as readonly unknown[]).includes(value) ? (value as PayerType) : 'other';
}
