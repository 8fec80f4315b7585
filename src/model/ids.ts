/** A new client-made message id (a random UUID). */
export function createId(): string {
  return crypto.randomUUID();
}
