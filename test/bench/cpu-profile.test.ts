import type { Profiler } from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { breakdownOf, codePartOf, ourShare, partsOf, profileCpu } from '../../bench/cpu-profile.ts';

describe('where a CPU profile says the time went', () => {
  it('attributes files to the project, the AWS SDK, Powertools and the X-Ray SDK, Node, or other', () => {
    expect(codePartOf('file:///repo/shared/rules/ss-medicare.ts')).toBe('domain');
    expect(codePartOf('file:///repo/shared/claim/fast-validate.ts')).toBe('domain');
    expect(codePartOf('file:///repo/shared/aws/result-store.ts')).toBe('adapters');
    expect(codePartOf('file:///repo/functions/scrub-claims/handler.ts')).toBe('adapters');
    expect(codePartOf('file:///repo/node_modules/@smithy/core/dist-es/index.js')).toBe('aws-sdk');
    expect(codePartOf('file:///repo/node_modules/@aws-sdk/client-dynamodb/dist-es/index.js')).toBe('aws-sdk');
    expect(codePartOf('file:///repo/node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js')).toBe('powertools');
    expect(codePartOf('file:///repo/node_modules/cls-hooked/context.js')).toBe('powertools');
    expect(codePartOf('file:///repo/node_modules/zod/v4/core/schemas.js')).toBe('other');
    expect(codePartOf('node:internal/streams/readable')).toBe('node');
    expect(codePartOf('')).toBeUndefined();
  });

  it('gives a builtin the part of its nearest caller with a file, and leaves idle time out', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url, scriptId: '0', lineNumber: 0, columnNumber: 0 });
    const profile: Profiler.Profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
        { id: 2, callFrame: frame('check', 'file:///repo/shared/rules/sd-missing.ts'), children: [3] },
        { id: 3, callFrame: frame('JSON.stringify'), children: [4] },
        { id: 4, callFrame: frame('') },
        { id: 5, callFrame: frame('send', 'file:///repo/node_modules/@smithy/core/index.js') },
        { id: 6, callFrame: frame('(idle)') },
      ],
      startTime: 0,
      endTime: 1_000,
      samples: [2, 2, 4, 5, 6, 6],
      timeDeltas: [0, 100, 100, 300, 500, 500],
    };
    const breakdown = breakdownOf(profile);
    // The first sample has no time before it; the builtins under the rule count as the rule's.
    expect(breakdown.micros.domain).toBe(200);
    expect(breakdown.micros['aws-sdk']).toBe(300);
    expect(breakdown.totalMicros).toBe(500);
    expect(breakdown.samples).toBe(4);
    expect(ourShare(breakdown)).toBeCloseTo(0.4);
    const { ours, platform } = partsOf(breakdown, 1_000);
    expect(ours.micros).toBeCloseTo(400);
    expect(platform.micros).toBeCloseTo(600);
  });

  it('profiles the calling thread while the work runs and returns its result', async () => {
    const { result, breakdown } = await profileCpu(async () => {
      let sum = 0;
      const until = performance.now() + 50;
      while (performance.now() < until) sum += Math.sqrt(sum + 1);
      return sum;
    });
    expect(result).toBeGreaterThan(0);
    expect(breakdown.samples).toBeGreaterThan(10);
    expect(breakdown.totalMicros).toBeGreaterThan(10_000);
  });
});
