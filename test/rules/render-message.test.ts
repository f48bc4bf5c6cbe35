import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholdersOf, renderMessage } from '../../shared/rules/render-message.ts';

describe('message templates', () => {
  it('fill every {{placeholder}} from the data, numbers included, as often as it appears', () => {
    expect(fillTemplate('{{code}} on {{ date }}: {{code}} earns {{units}}.', { code: '99602', date: '2020-03-02', units: 0 })).toBe('99602 on 2020-03-02: 99602 earns 0.');
  });

  it('leave a placeholder with no data as written, as ESLint does', () => {
    expect(fillTemplate('Line {{lineNumber}}: {{code}}', { code: 'S9500' })).toBe('Line {{lineNumber}}: S9500');
  });

  it('escape the control characters of a value from the claim, so no message carries what could drive a terminal or a page', () => {
    expect(fillTemplate('billed to {{payer}}', { payer: 'ACME\u001b[31m\u009b2J\r' })).toBe('billed to ACME\\u001b[31m\\u009b2J\\u000d');
  });

  it('do not read inherited properties as data', () => {
    expect(fillTemplate('{{toString}}', {})).toBe('{{toString}}');
  });

  it('name their placeholders once each, in order of first use', () => {
    expect(placeholdersOf('Line {{lineNumber}}: {{code}} and {{code}} on {{date}}')).toEqual(['lineNumber', 'code', 'date']);
  });

  it('offer the report\'s line as {{lineNumber}}', () => {
    const rule = { id: 'TEST', messages: { onLine: 'Line {{lineNumber}}: {{code}}.' } };
    expect(renderMessage(rule, { messageId: 'onLine', lineNumber: 4, data: { code: 'J0696' } })).toBe('Line 4: J0696.');
  });
});
