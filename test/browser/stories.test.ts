import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import * as chatLightbox from '../../stories/chat-lightbox.stories.ts';
import * as chatThread from '../../stories/chat-thread.stories.ts';
import * as chatWidget from '../../stories/chat-widget.stories.ts';
import * as fileBubble from '../../stories/file-bubble.stories.ts';
import * as fileComposer from '../../stories/file-composer.stories.ts';
import * as introduction from '../../stories/introduction.stories.ts';
import * as textBubble from '../../stories/text-bubble.stories.ts';

interface StoryModule {
  default: { title: string; args?: Record<string, unknown> };
  [name: string]: unknown;
}

interface StoryObject {
  args?: Record<string, unknown>;
  render(args: Record<string, unknown>): TemplateResult;
  play?(context: { canvasElement: HTMLElement }): Promise<void> | void;
}

/** Waits until every Lit element under `root` (shadow roots included) has finished updating. */
async function settle(root: Element | ShadowRoot): Promise<void> {
  for (const element of root.querySelectorAll('*')) {
    const update = (element as Element & { updateComplete?: Promise<unknown> }).updateComplete;
    if (update) await update;
    if (element.shadowRoot) await settle(element.shadowRoot);
  }
}

const modules: StoryModule[] = [introduction, chatLightbox, chatThread, chatWidget, fileBubble, fileComposer, textBubble];

for (const module of modules) {
  describe(`stories: ${module.default.title}`, () => {
    for (const [name, story] of Object.entries(module)) {
      if (name === 'default') continue;
      it(`${name} renders without console errors and passes axe`, async () => {
        const errors: unknown[] = [];
        const realError = console.error;
        console.error = (...args: unknown[]) => errors.push(args);
        try {
          const canvas = await fixture<HTMLDivElement>(html`<div></div>`);
          // As Storybook does: the story's args over the file's.
          render((story as StoryObject).render({ ...module.default.args, ...(story as StoryObject).args }), canvas);
          await settle(canvas);
          await (story as StoryObject).play?.({ canvasElement: canvas });
          await settle(canvas);
          expect(canvas.children.length, 'something rendered').to.be.greaterThan(0);
          await expect(canvas).to.be.accessible();
        } finally {
          console.error = realError;
        }
        expect(errors, JSON.stringify(errors)).to.deep.equal([]);
      });
    }
  });
}
