import { modifierDuplicate } from '../../shared/rules/modifier-duplicate.ts';
import { modifierLimit } from '../../shared/rules/modifier-limit.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(modifierLimit, {
  valid: [
    { name: 'four modifiers', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD', 'GY', 'KX'] })] }) },
    { name: 'no modifiers', claim: claim({ lines: [line(1, '99601')] }) },
  ],
  invalid: [
    { name: 'five modifiers', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD', 'GY', 'KX', 'GA'] })] }), reports: [{ messageId: 'tooMany', line: 1, data: { count: 5, modifiers: 'SS, SD, GY, KX, GA', limit: 4 } }] },
  ],
});

ruleTable(modifierDuplicate, {
  valid: [
    { name: 'distinct modifiers', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'] })] }) },
  ],
  invalid: [
    { name: 'SS twice', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD', 'SS'] })] }), reports: [{ messageId: 'repeated', line: 1, data: { modifier: 'SS' } }] },
    { name: 'ss and SS are the same modifier', claim: claim({ lines: [line(1, 'S9500'), line(2, '99601', { modifiers: ['ss', 'SS'] })] }), reports: [{ messageId: 'repeated', line: 2 }] },
  ],
});
