import { expect } from '@open-wc/testing';
import { typeLabel } from './type-label.ts';

describe('typeLabel', () => {
  it('names a file by its extension, in capitals', () => {
    expect(typeLabel('report.pdf', 'application/pdf')).to.equal('PDF');
    expect(typeLabel('Quarterly figures.XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).to.equal('XLSX');
    expect(typeLabel('backup.tar.gz', 'application/gzip')).to.equal('GZ');
  });

  it('falls back to the MIME subtype, without x- or vnd. and parameters', () => {
    expect(typeLabel('track', 'audio/x-flac')).to.equal('FLAC');
    expect(typeLabel('notes', 'text/plain; charset=utf-8')).to.equal('PLAIN');
    expect(typeLabel('release.12', 'application/vnd.rar')).to.equal('RAR');
  });

  it('says nothing rather than something vague or odd', () => {
    expect(typeLabel('blob', 'application/octet-stream')).to.equal('');
    expect(typeLabel('blob', '')).to.equal('');
    expect(typeLabel('blob', 'text/<img src=x onerror=alert(1)>')).to.equal('');
    expect(typeLabel('a.<svg>', 'image/svg+xml')).to.equal('SVG+XML');
  });
});
