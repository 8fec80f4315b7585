import { expect } from '@open-wc/testing';
import { dayIso, dayKey, dayLabel } from './day-label.ts';

describe('dayLabel', () => {
  const now = new Date(2024, 2, 3, 9, 30).getTime();

  it('says "Today" for any time of the same local day', () => {
    expect(dayLabel(new Date(2024, 2, 3, 0, 0).getTime(), now)).to.equal('Today');
    expect(dayLabel(new Date(2024, 2, 3, 23, 59).getTime(), now)).to.equal('Today');
  });

  it('says "Yesterday" for the day before, across a month boundary too', () => {
    expect(dayLabel(new Date(2024, 2, 2, 23, 59).getTime(), now)).to.equal('Yesterday');
    expect(dayLabel(new Date(2024, 1, 29, 12).getTime(), new Date(2024, 2, 1, 8).getTime())).to.equal('Yesterday');
  });

  it('gives the date in the given locale, with the year only when it is not this year', () => {
    expect(dayLabel(new Date(2024, 0, 15, 12).getTime(), now, 'en-US')).to.equal('Monday, January 15');
    expect(dayLabel(new Date(2023, 11, 25, 12).getTime(), now, 'en-US')).to.equal('Monday, December 25, 2023');
    expect(dayLabel(new Date(2024, 0, 15, 12).getTime(), now, 'de-DE')).to.equal('Montag, 15. Januar');
  });

  it('tells local days apart and writes them for a <time> element', () => {
    expect(dayKey(new Date(2024, 2, 3, 0, 0).getTime())).to.equal(dayKey(new Date(2024, 2, 3, 23, 59).getTime()));
    expect(dayKey(new Date(2024, 2, 3).getTime())).to.not.equal(dayKey(new Date(2024, 2, 4).getTime()));
    expect(dayIso(new Date(2024, 2, 3, 12).getTime())).to.equal('2024-03-03');
  });
});
