/** A resource found by reference: the resource and the element path it sits at, for messages. */
export interface Found {
  resource: Record<string, unknown>;
  path: string;
}

/**
 * Finds the resources a Claim refers to: `#id` in its `contained`, and in a Bundle an entry's
 * `fullUrl` or `Type/id` (also as the tail of an absolute URL). A reference to anything outside
 * the document is not followed.
 */
export class ResourceIndex {
  readonly #byKey = new Map<string, Found>();

  add(resource: unknown, path: string, fullUrl?: string): void {
    if (!isResource(resource)) return;
    const found = { resource, path };
    if (fullUrl) this.#byKey.set(fullUrl, found);
    if (typeof resource.id === 'string') this.#byKey.set(`${resource.resourceType}/${resource.id}`, found);
  }

  find(reference: string | undefined, contained: unknown, claimPath: string): Found | undefined {
    if (!reference) return undefined;
    if (reference.startsWith('#')) {
      if (!Array.isArray(contained)) return undefined;
      const index = contained.findIndex((r) => isResource(r) && r.id === reference.slice(1));
      return index === -1 ? undefined : { resource: contained[index] as Record<string, unknown>, path: `${claimPath}.contained[${index}]` };
    }
    const exact = this.#byKey.get(reference);
    if (exact) return exact;
    const tail = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(reference);
    return tail?.[1] ? this.#byKey.get(tail[1]) : undefined;
  }
}

export function isResource(value: unknown): value is Record<string, unknown> & { resourceType: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}
