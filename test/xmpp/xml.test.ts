// The XML of XMPP (src/transport/xmpp/xml.ts): what a frame from the wire may hold is read whole,
// anything else is refused, and what is built is written back escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml, xml } from '../../src/transport/xmpp/xml.ts';

describe('XMPP XML', () => {
  it('reads a stanza: attributes in either quotes, entities and character references, CDATA, self-closing children, inherited and prefixed namespaces', () => {
    const stanza = parseXml(
      `<message xmlns="jabber:client" from='room@muc.example/Zoë &amp; co' id="m&#49;"><body>a &lt;b&gt; &quot;c&quot; &apos;d&apos; &#x1F600; &#233;</body>` +
        `<x xmlns="jabber:x:oob"><url>https://f.example/a?x=1&amp;y=2</url></x><stanza-id xmlns="urn:xmpp:sid:0" by="room@muc.example" id="s1"/>` +
        `<note><![CDATA[<not> & markup]]> after</note></message>`,
    );
    assert.equal(stanza.attrs.from, 'room@muc.example/Zoë & co');
    assert.equal(stanza.attrs.id, 'm1');
    assert.equal(stanza.getChildText('body'), 'a <b> "c" \'d\' 😀 é');
    assert.equal(stanza.getChild('body')!.getNS(), 'jabber:client', 'a child is in its parent’s namespace');
    assert.equal(stanza.getChild('x', 'jabber:x:oob')?.getChildText('url'), 'https://f.example/a?x=1&y=2');
    assert.equal(stanza.getChild('x', 'jabber:client'), undefined);
    assert.deepEqual(stanza.getChildren('stanza-id', 'urn:xmpp:sid:0').map((element) => element.attrs.id), ['s1']);
    assert.equal(stanza.getChildText('note'), '<not> & markup after');
    const features = parseXml('<stream:features xmlns:stream="http://etherx.jabber.org/streams"><sm xmlns="urn:xmpp:sm:3"/></stream:features>');
    assert.ok(features.is('features', 'http://etherx.jabber.org/streams'));
    assert.ok(features.getChild('sm', 'urn:xmpp:sm:3'));
  });

  it('writes what it read and what is built, escaped, and reads it back the same', () => {
    const built = xml('message', { to: 'a"b@example', id: 7, type: undefined }, xml('body', {}, `<script>&'"`), undefined, '', xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'x' }));
    assert.equal(built.toString(), `<message to="a&quot;b@example" id="7"><body>&lt;script&gt;&amp;&apos;&quot;</body><origin-id xmlns="urn:xmpp:sid:0" id="x"/></message>`);
    const again = parseXml(built.toString());
    assert.equal(again.toString(), built.toString());
    assert.equal(again.getChildText('body'), `<script>&'"`);
  });

  it('refuses what XMPP may not carry, and anything not one whole element', () => {
    for (const frame of [
      '<a><!-- comment --></a>',
      '<a><?pi x?></a>',
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a>&nbsp;</a>',
      '<a>fish & chips</a>',
      '<a b="&amp"/>',
      '<a>&#0;</a>',
      '<a><b></a>',
      '<a></b>',
      '<a>',
      '<a/><b/>',
      'text<a/>',
      '<a/>text',
      '<a b=c/>',
      '',
    ]) {
      assert.throws(() => parseXml(frame), SyntaxError, frame);
    }
    assert.equal(parseXml('<?xml version="1.0"?>\n<a/>').name, 'a', 'an XML declaration first is allowed');
  });

  it('refuses a huge malformed tag in little time (no runaway backtracking)', () => {
    const started = performance.now();
    assert.throws(() => parseXml(`<a${' b="c"'.repeat(50_000)} `), SyntaxError);
    assert.throws(() => parseXml(`<a${' b'.repeat(50_000)}>`), SyntaxError);
    assert.ok(performance.now() - started < 1000, `${performance.now() - started} ms`);
  });
});
