import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGenerated837p } from '../../bench/formats.ts';
import { readClaims } from './read-file.ts';

describe('the bench 837P generator', () => {
  it('writes a valid 5010 file: 5,000 claims per transaction set, right SE/GE counts, every claim read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'generated-837p-'));
    try {
      const path = join(dir, 'claims.x12');
      await writeGenerated837p(path, 12_000);
      const { items, counts } = await readClaims(createReadStream(path));
      expect(counts).toEqual({ format: 'x12', claimsRead: 12_000, rejected: 0, interchanges: 1, groups: 1, transactions: 3, notes: [] });
      expect(items.at(-1)).toMatchObject({ claimId: 'BENCH-12000', position: { transaction: '0003' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
