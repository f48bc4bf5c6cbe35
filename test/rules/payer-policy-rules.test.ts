import { payerHomeCareBenefit } from '../../shared/rules/payer-home-care-benefit.ts';
import { payerPolicyUnknown } from '../../shared/rules/payer-policy-unknown.ts';
import { payerSsNotAccepted } from '../../shared/rules/payer-ss-not-accepted.ts';
import { describe, expect, it } from 'vitest';
import { parsePayerPolicy, type PayerLookup } from '../../shared/payers/payer-policy.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';
import { scrubData } from '../support/scrub-data.ts';

const noSs = [line(1, 'S9500')];

/** The bundled policy plus a home-care payer with no copay on file, which the bundled policy does not have. */
const bundledPayers = scrubData().payers;
const withNoCopayPayer: PayerLookup = {
  version: bundledPayers.version,
  payer: (id) => (id === 'HARBOR' ? { id, name: 'Harbor Home Plan (example)', type: 'commercial', acceptsSS: true, benefit: 'home_care' } : bundledPayers.payer(id)),
};

ruleTable(payerSsNotAccepted, {
  valid: [
    { name: 'payer accepts SS', claim: claim({ payer: { id: 'BVPPO', type: 'commercial' } }) },
    { name: 'refusing payer, no SS line', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' }, lines: noSs }) },
    { name: 'unknown payer (PAYER-POLICY-UNKNOWN covers it)', claim: claim({ payer: { id: 'NOPE', type: 'commercial' } }) },
    { name: 'Medicare (SS-MEDICARE covers it)', claim: claim({ payer: { id: 'TRICARE', type: 'medicare' } }) },
  ],
  invalid: [
    { name: 'commercial payer refuses SS', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' } }), reports: [{ messageId: 'suiteRefused', line: 1, data: { payerName: 'Lakeshore HMO (example commercial plan)', payerId: 'LSHMO', code: 'S9500' } }] },
    { name: 'Medicare Advantage plan refuses SS on two lines', claim: claim({ payer: { id: 'SUMMA', type: 'medicare_advantage' }, lines: [line(1, '99601', { modifiers: ['SS'] }), line(2, '99602', { modifiers: ['SS'] })] }), reports: [{ messageId: 'suiteRefused', line: 1 }, { messageId: 'suiteRefused', line: 2 }] },
  ],
});

ruleTable(payerPolicyUnknown, {
  valid: [
    { name: 'payer on file', claim: claim() },
    { name: 'unknown payer, no SS', claim: claim({ payer: { id: 'NOPE', type: 'commercial' }, lines: noSs }) },
    { name: 'Medicare needs no policy record', claim: claim({ payer: { id: 'MEDICARE-B', type: 'medicare' } }) },
  ],
  invalid: [
    { name: 'SS to a payer with no record', claim: claim({ payer: { id: 'ACME-HEALTH', type: 'commercial' } }), reports: [{ messageId: 'noPolicy', line: null, data: { payerId: 'ACME-HEALTH', policyVersion: '2026.12c-examples' } }] },
  ],
});

ruleTable(payerHomeCareBenefit, {
  valid: [
    { name: 'payer pays SS under its medical benefit', claim: claim({ payer: { id: 'BVPPO', type: 'commercial' } }) },
    { name: 'home-care payer, no SS', claim: claim({ payer: { id: 'NWHP', type: 'commercial' }, lines: noSs }) },
    { name: 'refusing payer', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' } }) },
  ],
  invalid: [
    { name: 'home-care benefit with copay', claim: claim({ payer: { id: 'NWHP', type: 'commercial' } }), reports: [{ messageId: 'withCopay', line: null, data: { payerName: 'Northwind Health Plan (example commercial plan)', copay: '$0 per infusion-suite day' } }] },
    { name: 'Medicaid home-care benefit', claim: claim({ payer: { id: 'STMCD', type: 'medicaid' } }), reports: [{ messageId: 'withCopay', line: null, data: { payerName: 'State Medicaid fee-for-service (example)', copay: '$0' } }] },
    {
      name: 'home-care benefit with no copay on file',
      claim: claim({ payer: { id: 'HARBOR', type: 'commercial' } }),
      payers: withNoCopayPayer,
      reports: [{ messageId: 'noCopay', line: null, data: { payerName: 'Harbor Home Plan (example)' } }],
    },
  ],
});

describe('payer policy field documentationOnClaim', () => {
  const payer = { id: 'DOCPLAN', name: 'Docs-on-claim Plan', type: 'commercial', acceptsSS: true };

  it('is optional and read as given', () => {
    const policy = parsePayerPolicy({ version: 't', payers: [payer, { ...payer, id: 'STRICT', documentationOnClaim: true }] });
    expect(policy.payer('DOCPLAN')?.documentationOnClaim).toBeUndefined();
    expect(policy.payer('STRICT')?.documentationOnClaim).toBe(true);
  });

  it('must be a boolean, named with its path like every other field', () => {
    expect(() => parsePayerPolicy({ version: 't', payers: [{ ...payer, documentationOnClaim: 'yes' }] }, 'policy.json')).toThrow(/payers\[0\]\.documentationOnClaim/);
  });
});
