// The WebAssembly SHA-256 that hashes big files in pieces (src/upload/sha256-hasher.ts), written as
// WebAssembly text here and compiled with wabt into `src/upload/sha256-wasm.ts`, which is
// committed: `node scripts/sha256-wasm.mjs` writes it again, and test/package/sha256-wasm.test.ts
// fails when the two differ. It does only what is slow in JavaScript, SHA-256's compression of
// whole 64-byte blocks (FIPS 180-4, 6.2.2); the padding and the pieces are the caller's.
//
// Memory (one 64 KiB page and 16 more for input, little-endian words):
//   0..255     the round constants K, from the data segment
//   256..511   the message schedule W of the block being compressed
//   512..543   the hash value H, set by the caller (H0 to start) and updated in place
//   1024..     the caller's input; `blocks(at, count)` compresses `count` blocks from byte `at`
//
// The rounds run 8 at a time in a loop, the eight working variables renamed round by round
// instead of moved. Against hash-wasm's unrolled SHA-256 (9.5 KB of WebAssembly, 5.5 KB
// brotli with its glue), in 1.9 KB (1.6 KB brotli with ours): as fast in Chromium hashing a file
// in 4 MiB reads (`npm run bench -- hash`), about 0.85 of its speed on bytes already in memory.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the compiled module goes, as base64 in a TypeScript module. */
export const OUTPUT = resolve(import.meta.dirname, '../src/upload/sha256-wasm.ts');

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const VARIABLES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const get = (name) => `(local.get $${name})`;
const rotr = (x, bits) => `(i32.rotr ${x} (i32.const ${bits}))`;
const xor3 = (x, y, z) => `(i32.xor (i32.xor ${x} ${y}) ${z})`;
const add = (...terms) => terms.reduce((sum, term) => `(i32.add ${sum} ${term})`);
/** A big-endian word read as little-endian, its bytes swapped. */
const byteSwapped = (x) => `(i32.or (i32.and (i32.rotl ${x} (i32.const 8)) (i32.const 0x00ff00ff)) (i32.and (i32.rotr ${x} (i32.const 8)) (i32.const 0xff00ff00)))`;

/**
 * Round `r` of each 8 in the loop (`$k` is 32 × the rounds done before the 8). Round r's working
 * variable a is the local r places back in `VARIABLES`, so a round sets only two locals: the old
 * d becomes the new e (d + T1), and the old h the new a (T1 + T2).
 */
function round(r) {
  const nameOf = (index) => VARIABLES[(index - r + 8) % 8];
  const [a, b, c, d, e, f, g, h] = VARIABLES.map((_, index) => get(nameOf(index)));
  const sigma1 = xor3(rotr(e, 6), rotr(e, 11), rotr(e, 25));
  const choose = `(i32.xor ${g} (i32.and ${e} (i32.xor ${f} ${g})))`;
  const constantAndWord = `(i32.add (i32.load offset=${r * 4} (local.get $k)) (i32.load offset=${256 + r * 4} (local.get $k)))`;
  const sigma0 = xor3(rotr(a, 2), rotr(a, 13), rotr(a, 22));
  const majority = `(i32.or (i32.and ${a} ${b}) (i32.and ${c} (i32.or ${a} ${b})))`;
  return `
        (local.set $t ${add(h, sigma1, choose, constantAndWord)})
        (local.set $${nameOf(3)} (i32.add ${d} (local.get $t)))
        (local.set $${nameOf(7)} ${add('(local.get $t)', sigma0, majority)})`;
}

/** The module's text. */
export function sha256Wat() {
  const constants = K.map((k) => [0, 8, 16, 24].map((shift) => `\\${((k >>> shift) & 255).toString(16).padStart(2, '0')}`).join('')).join('');
  const loadState = VARIABLES.map((name, i) => `(local.set $${name} (i32.load offset=${512 + i * 4} (i32.const 0)))`).join('\n      ');
  const saveState = VARIABLES.map((name, i) => `(i32.store offset=${512 + i * 4} (i32.const 0) (i32.add ${get(name)} (i32.load offset=${512 + i * 4} (i32.const 0))))`).join('\n      ');
  const words = Array.from({ length: 16 }, (_, i) => `(i32.store offset=${256 + i * 4} (i32.const 0) ${byteSwapped(`(i32.load offset=${i * 4} (local.get $at))`)})`).join('\n      ');
  // W[i] = σ1(W[i-2]) + W[i-7] + σ0(W[i-15]) + W[i-16], $k = 4i.
  const schedule = add(
    xor3(rotr(get('x'), 17), rotr(get('x'), 19), `(i32.shr_u ${get('x')} (i32.const 10))`),
    '(i32.load offset=228 (local.get $k))',
    xor3(rotr(get('y'), 7), rotr(get('y'), 18), `(i32.shr_u ${get('y')} (i32.const 3))`),
    '(i32.load offset=192 (local.get $k))',
  );
  return `(module
  (memory (export "memory") 17)
  (data (i32.const 0) "${constants}")
  (func (export "blocks") (param $at i32) (param $count i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $f i32) (local $g i32) (local $h i32)
    (local $t i32) (local $k i32) (local $x i32) (local $y i32)
    (block $done (loop $block
      (br_if $done (i32.eqz (local.get $count)))
      ${words}
      (local.set $k (i32.const 64))
      (loop $schedule
        (local.set $x (i32.load offset=248 (local.get $k)))
        (local.set $y (i32.load offset=196 (local.get $k)))
        (i32.store offset=256 (local.get $k) ${schedule})
        (br_if $schedule (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 4))) (i32.const 256))))
      ${loadState}
      (local.set $k (i32.const 0))
      (loop $rounds${[0, 1, 2, 3, 4, 5, 6, 7].map(round).join('')}
        (br_if $rounds (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 32))) (i32.const 256))))
      ${saveState}
      (local.set $at (i32.add (local.get $at) (i32.const 64)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br $block))))
)
`;
}

/** The module compiled, validated. */
export async function sha256Wasm() {
  const { default: loadWabt } = await import('wabt');
  const wabt = await loadWabt();
  const module = wabt.parseWat('sha256.wat', sha256Wat());
  try {
    module.validate();
    return Buffer.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** The TypeScript module that carries it. */
export async function sha256WasmSource() {
  const base64 = (await sha256Wasm()).toString('base64');
  return `// Made by scripts/sha256-wasm.mjs (the WebAssembly text and what it does are there): do not edit.
/** SHA-256's block compression as WebAssembly, base64 (${(base64.length * 3) / 4 - (base64.match(/=/g)?.length ?? 0)} bytes). */
export const SHA256_WASM = '${base64}';
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, await sha256WasmSource());
  console.log(`wrote ${OUTPUT}`);
}
