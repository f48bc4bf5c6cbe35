import type { FileNote } from '../formats/index.ts';

/** Repeated ids named one by one in the notes; more are counted in one note. */
const MAX_NAMED = 20;

/**
 * The claim ids a file holds more than once. Each copy is sent and scrubbed on its own, and the
 * later copy in the file is the claim's newer version, the one its result row keeps: an earlier copy is
 * skipped or superseded. A repeated id is usually a mistake worth a word.
 */
export class RepeatedClaimIds {
  private readonly positions = new Map<string, number[]>();

  add(claimId: string | null | undefined, index: number): void {
    if (!claimId) return;
    const seen = this.positions.get(claimId);
    if (seen) seen.push(index);
    else this.positions.set(claimId, [index]);
  }

  notes(): FileNote[] {
    const repeated = [...this.positions].filter(([, at]) => at.length > 1);
    const named = repeated.slice(0, MAX_NAMED).map(([id, at]) => ({
      message: `claim id ${JSON.stringify(id)} is used by ${at.length} claims (${at.map((i) => `#${i + 1}`).join(', ')}): each is sent, and the last of them (#${at.at(-1) as number + 1}) is the version kept; an earlier one may still be routed, marked with an older claimVersion`,
      count: at.length,
    }));
    const rest = repeated.slice(MAX_NAMED);
    if (rest.length > 0) named.push({ message: `${rest.length} more claim ids are used by more than one claim`, count: rest.length });
    return named;
  }
}
