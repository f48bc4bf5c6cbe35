import type { FieldError } from '../../claim/validate.ts';

/**
 * Where each claim event field came from in the FHIR document (`lines[1].units` →
 * `Claim.item[1].quantity.value`), so the contract's errors on a mapped claim can be told at the
 * element the sender has to fix.
 */
export class ContractPaths {
  readonly #origins = new Map<string, string>();

  set(contractPath: string, elementPath: string): void {
    this.#origins.set(contractPath, elementPath);
  }

  /**
   * The element a contract error points at: the field's own origin, else its nearest recorded
   * parent's with the rest of the contract path named in the message (`lines[0]` is known,
   * `lines[0].units` is not); a field with no known origin stays on the Claim.
   */
  toElement(error: FieldError): FieldError {
    const exact = this.#origins.get(error.path);
    if (exact !== undefined) return { path: exact, message: error.message };
    for (let parent = parentOf(error.path); parent !== undefined; parent = parentOf(parent)) {
      const origin = this.#origins.get(parent);
      if (origin !== undefined) return { path: origin, message: `${error.path.slice(parent.length).replace(/^\./, '')}: ${error.message}` };
    }
    return { path: 'Claim', message: `${error.path === '' ? '' : `${error.path}: `}${error.message}` };
  }
}

/** `lines[0].modifiers[1]` → `lines[0].modifiers` → `lines[0]` → `lines` → undefined. */
function parentOf(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : undefined;
}

/**
 * The reader's errors, then the contract's that say something new: a contract error at the element a
 * reader error already names, or inside it, or around it, is the same problem seen twice (the reader
 * left the field out, so the contract finds it missing). Exact repeats are dropped too.
 */
export function mergeErrors(readerErrors: readonly FieldError[], contractErrors: readonly FieldError[]): FieldError[] {
  const merged = [...readerErrors];
  const seen = new Set(merged.map((e) => `${e.path}\u0000${e.message}`));
  for (const error of contractErrors) {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key) || readerErrors.some((r) => related(r.path, error.path))) continue;
    seen.add(key);
    merged.push(error);
  }
  return merged;
}

function related(readerPath: string, contractPath: string): boolean {
  // A contract error left on the Claim itself (no known origin) is never the reader's problem seen again.
  return readerPath === contractPath || within(contractPath, readerPath) || (contractPath !== 'Claim' && within(readerPath, contractPath));
}

/** `inner` lies inside `outer`: `Claim.item[0].quantity` inside `Claim.item[0]`, not `Claim.item[01]`. */
function within(inner: string, outer: string): boolean {
  return inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '[');
}
