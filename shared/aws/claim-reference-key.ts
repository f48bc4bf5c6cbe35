import type { ClaimReferenceKeySource } from './config.ts';

/**
 * The claim-reference key as a container uses it: given directly (the local stack), or read once from
 * Secrets Manager with Powertools Parameters (AWS). The key is never rotated (a new key would give every
 * claim a new reference), so one read per container is enough; a failed read is tried again next time.
 * The Parameters module and its Secrets Manager client load only where a secret is used.
 */
export function claimReferenceKeyResolver(source: ClaimReferenceKeySource): () => Promise<string> {
  if ('key' in source) return () => Promise.resolve(source.key);
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= readSecret(source.secretArn).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function readSecret(secretArn: string): Promise<string> {
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(secretArn, { throwOnMissing: true });
  if (typeof value !== 'string' || value.length === 0) throw new Error('the claim-reference secret holds no text');
  return value;
}
