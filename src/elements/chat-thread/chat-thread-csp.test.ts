// The thread under a page policy that forbids inline styles: the spacers standing for the rows
// not rendered are sized through CSSOM, which such a policy allows, never by a `style` attribute.
// The policy stays for the rest of this page: keep this file to tests that live with it.
import { expect } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import { atBottom, conversation, distanceFromBottom, log, settled } from './thread-test-helpers.ts';

defineElements();

const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(event));
const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
document.head.append(policy);

describe('<chat-thread> under a strict style-src policy', () => {
  it('opens at the newest of 500 messages with its top spacer standing for the rows above, breaking no rule', async () => {
    const thread = Object.assign(document.createElement('chat-thread'), { userId: 'me', messages: conversation(500) });
    thread.style.setProperty('--chat-thread-height', '300px');
    document.body.append(thread);
    await thread.updateComplete;
    await atBottom(thread);
    await settled(thread);
    const [top, bottom] = thread.shadowRoot!.querySelectorAll<HTMLElement>('.spacer');
    // Most of the 500 rows are not rendered: the top spacer holds their place from the first render on.
    expect(top!.getBoundingClientRect().height).to.be.above(10_000);
    expect(bottom!.getBoundingClientRect().height).to.equal(0);
    expect(distanceFromBottom(log(thread))).to.be.below(2);
    expect(violations.map((violation) => `${violation.effectiveDirective}: ${violation.sample}`)).to.deep.equal([]);
    thread.remove();
  });
});
