import { vi } from 'vitest';

/**
 * Captures everything written to stdout and stderr (Powertools logs and EMF metric lines go there)
 * until vi.restoreAllMocks(), so a test can search the whole output for PHI.
 */
export function captureProcessOutput(): { text: () => string } {
  let captured = '';
  const capture = (chunk: unknown) => {
    captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return { text: () => captured };
}
