import { describe, expect, it } from 'vitest';
import { findCycles, importGraphFrom, type ImportGraph } from './import-graph.ts';

describe('import cycles', () => {
  it('finds none among the modules infra/ reaches (type-only imports included)', () => {
    const graph = importGraphFrom('infra');
    // The walk really covers the construct and what it imports.
    expect(graph.get('infra/claim-scrubber.ts')).toEqual(expect.arrayContaining(['infra/accepted-findings.ts', 'shared/aws/table-schemas.ts']));
    expect(graph.get('infra/accepted-findings.ts')).toContain('infra/inbox-findings.ts');
    // `import type { ClaimInbox }` is the only import of claim-inbox.ts in each: type-only imports are edges too.
    expect(graph.get('infra/claim-scrubber.ts')).toContain('infra/claim-inbox.ts');
    expect(graph.get('infra/inbox-findings.ts')).toContain('infra/claim-inbox.ts');
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('would report a cycle like the one inbox-findings.ts once closed back into claim-scrubber.ts', () => {
    const graph: ImportGraph = new Map([
      ['infra/claim-scrubber.ts', ['infra/inbox-findings.ts', 'infra/queues.ts']],
      ['infra/inbox-findings.ts', ['infra/claim-scrubber.ts']],
      ['infra/queues.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['infra/claim-scrubber.ts', 'infra/inbox-findings.ts', 'infra/claim-scrubber.ts']]);
  });
});
