/**
 * How much one SendMessageBatch or PublishBatch may carry. Besides 10 entries, the messages together
 * may not pass 256 KiB (SQS raised its limit to 1 MiB in 2025; SNS's is still 256 KiB): a request
 * over it is refused whole (BatchRequestTooLong), and with it every healthy message in it. Cutting
 * at 256 KiB is right under either limit.
 */
export const BATCH_LIMITS = { entries: 10, bytes: 262_144 } as const;

/** A message as the services count it: its body, and each attribute's name, type and value. */
export function messageBytes(message: { body: string; attributes?: Record<string, string> | undefined }): number {
  let bytes = Buffer.byteLength(message.body);
  for (const [name, value] of Object.entries(message.attributes ?? {})) bytes += Buffer.byteLength(name) + 'String'.length + Buffer.byteLength(value);
  return bytes;
}

/**
 * Cuts items into consecutive chunks of at most `limits.entries` items and `limits.bytes` bytes. An
 * item larger than the byte limit goes alone, so it fails alone rather than sinking its neighbours.
 */
export function chunkByLimits<T>(items: readonly T[], sizeOf: (item: T) => number, limits: { entries: number; bytes: number } = BATCH_LIMITS): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (chunk.length > 0 && (chunk.length >= limits.entries || bytes + size > limits.bytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
