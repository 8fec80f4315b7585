import { sha256Hex } from './hash.ts';

/** How much of a file's start its identity hashes: 1 MiB. */
export const IDENTITY_HEAD_BYTES = 1024 * 1024;

/**
 * What tells a file picked again from the one sent, without keeping its bytes: its size and the
 * sha256 of its first MiB (a different file of the same size differs there, or nearly always).
 */
export interface FileIdentity {
  size: number;
  /** Hex sha256 of the first `IDENTITY_HEAD_BYTES` (absent when it could not be made: the size alone decides). */
  headSha256?: string;
}

/** The identity of `file` (one read of at most 1 MiB). */
export async function identifyFile(file: Blob): Promise<FileIdentity> {
  const headSha256 = await sha256Hex(file.slice(0, IDENTITY_HEAD_BYTES)).catch(() => undefined);
  return headSha256 === undefined ? { size: file.size } : { size: file.size, headSha256 };
}

/** Whether `file` is the file `identity` was made of: the same size, and the same first MiB. */
export async function isSameFile(file: Blob, identity: FileIdentity): Promise<boolean> {
  if (file.size !== identity.size) return false;
  return identity.headSha256 === undefined || (await identifyFile(file)).headSha256 === identity.headSha256;
}
