import { expect } from '@open-wc/testing';
import { Base64 as RealBase64 } from 'js-base64';
import { Base64 } from './js-base64.ts';

describe('the js-base64 shim', () => {
  it("encodes RFC 4648's test vectors, with padding", () => {
    const vectors = { '': '', f: 'Zg==', fo: 'Zm8=', foo: 'Zm9v', foob: 'Zm9vYg==', fooba: 'Zm9vYmE=', foobar: 'Zm9vYmFy' };
    for (const [text, base64] of Object.entries(vectors)) expect(Base64.encode(text), text).to.equal(base64);
  });

  it('encodes file names and types as UTF-8 bytes, as js-base64 does for the Upload-Metadata header', () => {
    expect(Base64.encode('Grüße aus Köln.pdf')).to.equal('R3LDvMOfZSBhdXMgS8O2bG4ucGRm');
    expect(Base64.encode('🎉.gif')).to.equal('8J+OiS5naWY=');
    const texts = ['photo.jpg', 'image/jpeg', '日本語.png', 'a?b>c~', 'broken \ud800 surrogate', 'ÿ'.repeat(3), '名'.repeat(100_000)];
    for (const text of texts) expect(Base64.encode(text), text.slice(0, 20)).to.equal(RealBase64.encode(text));
  });
});
