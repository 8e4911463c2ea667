/** Thrown by `download` (both adapters) when the key holds no object. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no media object at ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}
