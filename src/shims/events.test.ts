import { expect } from '@open-wc/testing';
// @ts-expect-error: @xmpp/events (what the XMPP packages import the emitter from) has no types
import { EventEmitter as XmppEventEmitter, promise } from '@xmpp/events';
import { EventEmitter } from './events.ts';

describe('the events shim', () => {
  it('is the EventEmitter the XMPP client builds on', () => {
    expect(XmppEventEmitter).to.equal(EventEmitter);
  });

  it('calls the listeners of an event in the order added, with what was emitted, on the emitter', () => {
    const emitter = new EventEmitter();
    const calls: unknown[] = [];
    emitter.on('status', function (this: unknown, status: string, detail: number) {
      calls.push(['first', status, detail, this === emitter]);
    });
    emitter.addListener('status', (status: string) => calls.push(['second', status]));
    emitter.on('other', () => calls.push('other'));
    expect(emitter.emit('status', 'online', 7)).to.equal(true);
    expect(calls).to.deep.equal([['first', 'online', 7, true], ['second', 'online']]);
    expect(emitter.emit('nobody-listens')).to.equal(false);
  });

  it('calls a once listener on the next event only, even when that event is emitted from a listener', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    emitter.on('element', () => {
      if (calls.length === 0) {
        calls.push('nested');
        emitter.emit('element');
      }
    });
    emitter.once('element', () => calls.push('once'));
    emitter.emit('element');
    emitter.emit('element');
    expect(calls).to.deep.equal(['nested', 'once']);
  });

  it('removes a once listener by the function given to once', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const listener = () => calls.push('once');
    emitter.once('online', listener);
    emitter.removeListener('online', listener);
    expect(emitter.emit('online')).to.equal(false);
    expect(calls).to.deep.equal([]);
  });

  it('removes one registration of a listener added twice', () => {
    const emitter = new EventEmitter();
    let calls = 0;
    const listener = () => calls++;
    emitter.on('stanza', listener).on('stanza', listener);
    emitter.removeListener('stanza', listener);
    emitter.emit('stanza');
    expect(calls).to.equal(1);
  });

  it('calls the listeners there were when emit started: one removed meanwhile still, one added meanwhile not yet', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const second = () => calls.push('second');
    const added = () => calls.push('added');
    emitter.on('stanza', () => {
      calls.push('first');
      emitter.removeListener('stanza', second);
      emitter.on('stanza', added);
    });
    emitter.on('stanza', second);
    emitter.emit('stanza');
    expect(calls).to.deep.equal(['first', 'second']);
    calls.length = 0;
    emitter.emit('stanza');
    expect(calls).to.deep.equal(['first', 'added']);
  });

  it('throws an error nobody listens to, and hands it to a listener when there is one', () => {
    const emitter = new EventEmitter();
    const error = new Error('stream closed');
    expect(() => emitter.emit('error', error)).to.throw(error);
    expect(() => emitter.emit('error', 'not an Error')).to.throw(Error, 'not an Error');
    const heard: unknown[] = [];
    emitter.on('error', (reason: unknown) => heard.push(reason));
    expect(emitter.emit('error', error)).to.equal(true);
    expect(heard).to.deep.equal([error]);
  });

  it('removes all listeners of one event, or of every event, as the transport does when it closes', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    emitter.on('stanza', () => calls.push('stanza'));
    emitter.on('status', () => calls.push('status'));
    emitter.removeAllListeners('stanza');
    expect([emitter.emit('stanza'), emitter.emit('status')]).to.deep.equal([false, true]);
    emitter.removeAllListeners();
    expect(emitter.emit('status')).to.equal(false);
    expect(calls).to.deep.equal(['status']);
  });

  it("settles the XMPP client's promise() on its event or on an error, and leaves no listener behind", async () => {
    const emitter = new EventEmitter();
    const online = promise(emitter, 'online');
    emitter.emit('online', 'alice@chat.example');
    expect(await online).to.equal('alice@chat.example');
    const failed = promise(emitter, 'online');
    const error = new Error('not authorized');
    emitter.emit('error', error);
    expect(await failed.catch((reason: unknown) => reason)).to.equal(error);
    expect(emitter.emit('online')).to.equal(false);
    expect(() => emitter.emit('error', new Error('late'))).to.throw('late');
  });
});
