// CASES.md "Filenames" rows on the receiving side: hostile names from the wire in a bubble (text,
// tooltip, ARIA label), and saved through the default downloader from the real reference server
// under their given name. The server side of the rows is test/cases/filenames.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import type { Attachment } from '../../model/message.ts';
import { fetchDownload } from '../../upload/downloader.ts';
import { attachmentOnServer } from '../../upload/downloader.test-helpers.ts';
import { saveFile } from '../../upload/save-file.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';

defineElements();

const report: Attachment = { url: 'https://files.example/f', name: 'x', size: 1234, mime: 'application/pdf' };
const PWNED = '__chatdropNamePwned';

/** [row, name from the wire, what the bubble must show]. */
const NAMES: Array<[string, string, string]> = [
  ['F1', `<img src=x onerror="window.${PWNED}=1">.png`, `<img src=x onerror="window.${PWNED}=1">.png`],
  ['F1', `"><svg onload="window.${PWNED}=1">.pdf`, `"><svg onload="window.${PWNED}=1">.pdf`],
  ['F1', "{{constructor.constructor('alert(1)')()}}.txt", "{{constructor.constructor('alert(1)')()}}.txt"],
  ['F2', "cat.png');position:absolute;left:-75px;cat.png", "cat.png');position:absolute;left:-75px;cat.png"],
  ['F2', `a"b'c(d)e;f.jpg`, `a"b'c(d)e;f.jpg`],
  ['F3', 'a%2F..%2Fb.txt', 'a%2F..%2Fb.txt'],
  ['F5', 'a\u0000\r\n.php.jpg', 'a.php.jpg'],
  ['F6', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
  ['F6', '\u2066x\u2069\u200B.txt', 'x.txt'],
  ['F9', 'e\u0301 \u00e9 学中文 🤑.png', 'e\u0301 \u00e9 学中文 🤑.png'],
  ['F10', '', 'untitled'],
  ['F10', '   ', 'untitled'],
  ['F10', '.', 'untitled'],
];

describe('<file-bubble> with hostile names from the wire (Filenames rows, receiver side)', () => {
  for (const [row, name, shown] of NAMES) {
    it(`${row}: ${JSON.stringify(name)} shows as literal text in the name, tooltip and label, and never as markup or style`, async () => {
      const element = await fixture<FileBubble>(html`<file-bubble message-id="m" .attachment=${{ ...report, name }}></file-bubble>`);
      const root = element.shadowRoot!;
      const nameText = root.querySelector('[part="name"]')!;
      expect(nameText.getAttribute('title')).to.equal(shown);
      expect(root.querySelector('[part="bubble"]')!.getAttribute('aria-label')).to.equal(shown);
      expect(root.querySelector('#full-name')!.textContent).to.equal(shown);
      expect(root.querySelectorAll('img, svg:not([part="icon"] svg, button svg), iframe, object, embed, a').length).to.equal(0);
      for (const styled of root.querySelectorAll('[style]')) expect(styled.getAttribute('style')).to.not.include('position');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((window as unknown as Record<string, unknown>)[PWNED]).to.equal(undefined);
    });
  }

  const saved: Array<[string, string]> = [['F3', '100%.pdf'], ['F3', '#?&=+ a%2F..%2Fb.txt'], ['F9', 'DALL·E IMG_9078 - 学中文 🤑.png'], ['F9', 'e\u0301te\u0301.txt']];
  for (const [row, name] of saved) {
    it(`${row}: ${JSON.stringify(name)} downloads from the server and is saved under exactly that name`, async () => {
      const file = new File([`bytes of ${name}`], name, { type: 'application/octet-stream' });
      const attachment = await attachmentOnServer(serverUrl, file);
      const blob = await fetchDownload(attachment, { signal: new AbortController().signal, onProgress: () => {} });
      const click = HTMLAnchorElement.prototype.click;
      let link: { download: string; href: string } | undefined;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        link = { download: this.download, href: this.href };
      };
      try {
        saveFile(blob, attachment.name);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(link!.download).to.equal(name);
      expect(await (await fetch(link!.href)).text()).to.equal(`bytes of ${name}`);
    });
  }
});
