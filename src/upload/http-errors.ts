/** A sentence for the user about a failed transfer, by HTTP status (0 = no answer). */
export function describeHttpFailure(status: number, action: 'upload' | 'download'): string {
  if (status === 0) return `The ${action} failed: the server could not be reached. Check the connection and try again.`;
  if (status === 413) return 'The file is larger than the server accepts.';
  if (status === 401 || status === 403) return `The server did not allow this ${action}.`;
  if (status === 404 || status === 410) return 'This file is no longer available.';
  if (status === 429) return 'The server is busy. Try again in a moment.';
  if (status >= 500) return `The ${action} failed because of a server error (${status}). Try again.`;
  return `The ${action} failed (the server answered ${status}).`;
}
