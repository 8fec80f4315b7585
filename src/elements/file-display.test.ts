import { expect } from '@open-wc/testing';
import { shortName } from './file-display.ts';

describe('shortName', () => {
  it('leaves a name that fits as it is', () => {
    expect(shortName('report.pdf')).to.equal('report.pdf');
  });

  it('cuts a long name in the middle and keeps its extension', () => {
    const short = shortName(`${'a'.repeat(30)}${'b'.repeat(30)}.tar.gz`, 20);
    expect(short).to.equal('aaaaaaaaaa…bb.tar.gz');
    expect(short).to.have.length(20);
  });

  it('cuts a long name without an extension too', () => {
    expect(shortName('x'.repeat(50), 10)).to.equal('xxxxxx…xxx');
  });

  it('never splits a character made of two code units', () => {
    const short = shortName(`${'😀'.repeat(30)}.png`, 12);
    expect(short).to.equal('😀😀😀😀😀…😀😀.png');
    expect(short).to.not.include('\uFFFD');
  });
});
