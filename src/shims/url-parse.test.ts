import { expect } from '@open-wc/testing';
// @ts-expect-error: url-parse has no types; the real package (the shim replaces it only for dependencies), to compare with
import RealUrlParse from 'url-parse';
import UrlParse from './url-parse.ts';

const ENDPOINT = 'https://files.example/tus/';

/** Locations a tus server may answer a creation with: absolute, on the same host or not, path-absolute, relative, with a query or fragment. */
const LOCATIONS = [
  'https://other.example/uploads/abc',
  '/tus/abc',
  'abc',
  '../files/abc?token=1',
  '//cdn.example/abc',
  'abc#part',
  'http://FILES.example:80/tus/x',
  'https://files.example:443/x',
];

describe('the url-parse shim', () => {
  it('resolves every kind of upload Location against the endpoint as url-parse does', () => {
    for (const location of LOCATIONS) {
      expect(new UrlParse(location, ENDPOINT).toString(), location).to.equal(new RealUrlParse(location, ENDPOINT).toString());
    }
    expect(new UrlParse('../files/abc?token=1', ENDPOINT).href).to.equal('https://files.example/files/abc?token=1');
  });

  it('resolves against an endpoint relative to the page', () => {
    expect(new UrlParse('abc', '/tus/').toString()).to.equal(new URL('/tus/abc', location.href).href);
  });
});
