import { describe, expect, it } from 'vitest';
import type { Report } from '../../shared/rules/rule.ts';
import { fillTemplate, placeholdersOf, renderMessage, templateData } from '../../shared/rules/render-message.ts';

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

  it('render a report as its template filled with the report\'s data and line number, the data winning', () => {
    const rule = { id: 'TEST', messages: { m: 'Line {{lineNumber}}: {{code}} x{{units}} {{missing}}' } };
    const reports: Report[] = [
      { messageId: 'm', lineNumber: 4, data: { code: 'J0696\u001b', units: 2.5 } },
      { messageId: 'm', lineNumber: 4, data: { lineNumber: 9, code: 'A', units: -0 } },
      { messageId: 'm', data: { code: 'A', units: 1e21 } },
      { messageId: 'm', lineNumber: 1 },
      { messageId: 'm' },
    ];
    for (const report of reports) expect(renderMessage(rule, report)).toBe(fillTemplate(rule.messages.m, templateData(report)));
    expect(reports.map((report) => renderMessage(rule, report))).toEqual([
      'Line 4: J0696\\u001b x2.5 {{missing}}',
      'Line 9: A x0 {{missing}}',
      'Line {{lineNumber}}: A x1e+21 {{missing}}',
      'Line 1: {{code}} x{{units}} {{missing}}',
      'Line {{lineNumber}}: {{code}} x{{units}} {{missing}}',
    ]);
  });
});
