import { expect } from '@open-wc/testing';
import { createSha256Hasher } from './sha256.ts';
import { sha256Hex } from './hash.ts';
import { makeRandomFile, sha256 } from '../../test/helpers/files.ts';

/** Hex sha256 of `bytes` fed in one update. */
async function hashAtOnce(bytes: Uint8Array): Promise<string> {
  const hasher = await createSha256Hasher();
  hasher.update(bytes);
  return hasher.digestHex();
}

/** `size` random bytes. */
async function randomBytes(size: number): Promise<Uint8Array> {
  return new Uint8Array(await makeRandomFile('random.bin', size).arrayBuffer());
}

/** A seeded pseudo-random integer source in [0, bound), so that a failing split can be replayed. */
function seededIntegers(seed: number): (bound: number) => number {
  let value = seed;
  return (bound) => {
    value = (Math.imul(value, 1103515245) + 12345) >>> 0;
    return (value >>> 8) % bound;
  };
}

describe('SHA-256', () => {
  it('gives the NIST digests of "", "abc", the 448-bit message and a million "a"', async () => {
    const text = (value: string) => new TextEncoder().encode(value);
    expect(await hashAtOnce(text(''))).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await hashAtOnce(text('abc'))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await hashAtOnce(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).to.equal('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(await hashAtOnce(text('a'.repeat(1_000_000)))).to.equal('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with crypto.subtle on random bytes of every length from 0 to 200, and on 1 MiB + 17', async () => {
    const bytes = await randomBytes(1024 * 1024 + 17);
    for (let length = 0; length <= 200; length++) {
      const piece = bytes.subarray(0, length);
      expect(await hashAtOnce(piece), `${length} bytes`).to.equal(await sha256(new Blob([piece.slice()])));
    }
    expect(await hashAtOnce(bytes)).to.equal(await sha256(new Blob([bytes.slice()])));
  });

  it('gives the same digest however the bytes are split into updates, empty and single bytes included', async () => {
    const bytes = await randomBytes(300_017);
    const expected = await sha256(new Blob([bytes.slice()]));
    const nextInteger = seededIntegers(2024);
    for (const largestPiece of [1, 3, 64, 65, 1000, 70_000]) {
      const hasher = await createSha256Hasher();
      for (let offset = 0; offset < bytes.length; ) {
        const size = nextInteger(largestPiece + 1);
        hasher.update(bytes.subarray(offset, offset + size));
        offset += size;
      }
      expect(hasher.digestHex(), `pieces of up to ${largestPiece} bytes`).to.equal(expected);
    }
  });

  it('can be read midway, goes on hashing after, and starts over on reset', async () => {
    const text = new TextEncoder().encode('abc');
    const hasher = await createSha256Hasher();
    hasher.update(text.subarray(0, 1));
    hasher.digestHex();
    hasher.update(text.subarray(1));
    expect(hasher.digestHex()).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    hasher.reset();
    expect(hasher.digestHex()).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('counts the length past 2^32 bits right in the padding (513 MiB + 5 bytes)', async function () {
    this.timeout(60_000);
    const chunk = Uint8Array.from({ length: 1024 * 1024 }, (_, index) => (index * 31 + 7) & 255);
    const hasher = await createSha256Hasher();
    for (let count = 0; count < 513; count++) hasher.update(chunk);
    hasher.update(chunk.subarray(0, 5));
    // From Node's crypto.createHash('sha256') over the same bytes.
    expect(hasher.digestHex()).to.equal('fd8cb66fdcca8c4597eafa943aee37738ccf46afc344a366f0ee000c6abc1083');
  });
});

describe('sha256Hex', () => {
  it('hashes a blob read in small chunks, across chunk boundaries, like crypto.subtle', async () => {
    const file = makeRandomFile('data.bin', 10_007);
    const expected = await sha256(file);
    for (const chunkBytes of [1, 63, 64, 1000, 10_007, 20_000]) {
      expect(await sha256Hex(file, chunkBytes, 0), `chunks of ${chunkBytes} bytes`).to.equal(expected);
    }
    expect(await sha256Hex(new Blob([]), 64, -1)).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a blob up to the whole-file size in one go, and a bigger one in chunks, to the same digest', async () => {
    const file = makeRandomFile('data.bin', 300_001);
    const expected = await sha256(file);
    const subtle = crypto.subtle;
    const nativeDigest = subtle.digest.bind(subtle);
    let nativeCalls = 0;
    Object.defineProperty(subtle, 'digest', { configurable: true, value: (...args: Parameters<SubtleCrypto['digest']>) => (nativeCalls++, nativeDigest(...args)) });
    try {
      expect(await sha256Hex(file, 4096, file.size), 'in one go').to.equal(expected);
      expect(nativeCalls, 'crypto.subtle hashed it').to.equal(1);
      expect(await sha256Hex(file, 4096, file.size - 1), 'in chunks').to.equal(expected);
      expect(nativeCalls, 'the incremental hasher hashed it').to.equal(1);
    } finally {
      delete (subtle as { digest?: unknown }).digest;
    }
    expect(subtle.digest).to.equal(SubtleCrypto.prototype.digest);
  });
});
