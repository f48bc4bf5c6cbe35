import { payerHomeCareBenefit } from '../../shared/rules/payer-home-care-benefit.ts';
import { payerPolicyUnknown } from '../../shared/rules/payer-policy-unknown.ts';
import { payerSsNotAccepted } from '../../shared/rules/payer-ss-not-accepted.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const noSs = [line(1, 'S9500')];

ruleTable(payerSsNotAccepted, {
  valid: [
    { name: 'payer accepts SS', claim: claim({ payer: { id: 'BVPPO', type: 'commercial' } }) },
    { name: 'refusing payer, no SS line', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' }, lines: noSs }) },
    { name: 'unknown payer (PAYER-POLICY-UNKNOWN covers it)', claim: claim({ payer: { id: 'NOPE', type: 'commercial' } }) },
    { name: 'Medicare (SS-MEDICARE covers it)', claim: claim({ payer: { id: 'TRICARE', type: 'medicare' } }) },
  ],
  invalid: [
    { name: 'commercial payer refuses SS', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' } }), lines: [1], message: /Lakeshore HMO .*does not accept SS/ },
    { name: 'Medicare Advantage plan refuses SS on two lines', claim: claim({ payer: { id: 'SUMMA', type: 'medicare_advantage' }, lines: [line(1, '99601', { modifiers: ['SS'] }), line(2, '99602', { modifiers: ['SS'] })] }), lines: [1, 2] },
  ],
});

ruleTable(payerPolicyUnknown, {
  valid: [
    { name: 'payer on file', claim: claim() },
    { name: 'unknown payer, no SS', claim: claim({ payer: { id: 'NOPE', type: 'commercial' }, lines: noSs }) },
    { name: 'Medicare needs no policy record', claim: claim({ payer: { id: 'MEDICARE-B', type: 'medicare' } }) },
  ],
  invalid: [
    { name: 'SS to a payer with no record', claim: claim({ payer: { id: 'ACME-HEALTH', type: 'commercial' } }), lines: [null], message: /ACME-HEALTH has no record in payer policy 2026.11-examples/ },
  ],
});

ruleTable(payerHomeCareBenefit, {
  valid: [
    { name: 'payer pays SS under its medical benefit', claim: claim({ payer: { id: 'BVPPO', type: 'commercial' } }) },
    { name: 'home-care payer, no SS', claim: claim({ payer: { id: 'NWHP', type: 'commercial' }, lines: noSs }) },
    { name: 'refusing payer', claim: claim({ payer: { id: 'LSHMO', type: 'commercial' } }) },
  ],
  invalid: [
    { name: 'home-care benefit with copay', claim: claim({ payer: { id: 'NWHP', type: 'commercial' } }), lines: [null], message: /home-care benefit \(copay on file: \$0 per infusion-suite day\)/ },
    { name: 'Medicaid home-care benefit', claim: claim({ payer: { id: 'STMCD', type: 'medicaid' } }), lines: [null], message: /copay on file: \$0\)/ },
  ],
});
