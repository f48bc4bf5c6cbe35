/** The infra bench's baseline: an empty module, bundled the same way. Its import is Node's own floor. */
export const handler = (): void => undefined;
