// A file bubble and the lightbox under a page policy that forbids inline styles: the progress
// bar's fill and the zoom are set through CSSOM, which such a policy allows, from the first render.
// The policy stays for the rest of this page: keep this file to tests that live with it.
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import type { ChatLightbox } from '../lightbox/chat-lightbox.ts';
import { bubble, part, photo, report } from './file-bubble.test-helpers.ts';

defineElements();

const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(event));
const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
document.head.append(policy);
const broken = () => violations.map((violation) => `${violation.effectiveDirective}: ${violation.sample}`);

describe('file bubbles under a strict style-src policy', () => {
  it('fills the progress bar to 40% on its first render, and follows the upload', async () => {
    const element = await bubble({ attachment: { ...report, url: '' }, isMine: true, delivery: 'sending', upload: { status: 'uploading', sent: 400, total: 1000 } });
    const bar = part(element, 'progress')!;
    const fill = bar.querySelector<HTMLElement>('.fill')!;
    const widthOfFill = () => fill.getBoundingClientRect().width / bar.getBoundingClientRect().width;
    expect(widthOfFill()).to.be.closeTo(0.4, 0.02);
    element.upload = { status: 'uploading', sent: 750, total: 1000 };
    await element.updateComplete;
    // (The fill glides there: read what it is told.)
    expect(bar.style.getPropertyValue('--fraction')).to.equal('0.75');
    expect(broken()).to.deep.equal([]);
  });

  it('opens the lightbox and zooms it, breaking no rule', async () => {
    const element = await fixture<ChatLightbox>(html`<chat-lightbox open .images=${[{ messageId: 'a', index: 0, attachment: photo }]} .index=${0}></chat-lightbox>`);
    const stage = part(element, 'stage')!;
    expect(stage.style.getPropertyValue('--zoom')).to.equal('1');
    part(element, 'zoom-in')!.click();
    await element.updateComplete;
    expect(Number(stage.style.getPropertyValue('--zoom'))).to.be.above(1);
    expect(broken()).to.deep.equal([]);
  });
});
