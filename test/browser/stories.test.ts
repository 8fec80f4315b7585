import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import * as chatLightbox from '../../stories/chat-lightbox.stories.ts';
import * as chatThread from '../../stories/chat-thread.stories.ts';
import * as chatWidget from '../../stories/chat-widget.stories.ts';
import * as fileAlbum from '../../stories/file-album.stories.ts';
import * as fileBubble from '../../stories/file-bubble.stories.ts';
import * as fileComposer from '../../stories/file-composer.stories.ts';
import * as introduction from '../../stories/introduction.stories.ts';
import * as textBubble from '../../stories/text-bubble.stories.ts';

interface StoryModule {
  default: { title: string; component?: string; args?: Record<string, unknown> };
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

/** The property each attribute of `tag` sets, as custom-elements.json lists them (`npm run analyze` makes it; `npm test` builds it first). */
async function attributeFields(tag: string): Promise<string[]> {
  const response = await fetch('/custom-elements.json');
  if (!response.ok) throw new Error('custom-elements.json is missing: run `npm run analyze`');
  const manifest = (await response.json()) as { modules: { declarations?: { tagName?: string; attributes?: { fieldName?: string }[] }[] }[] };
  const declaration = manifest.modules.flatMap((module) => module.declarations ?? []).find((candidate) => candidate.tagName === tag);
  return (declaration?.attributes ?? []).map((attribute) => attribute.fieldName!).filter(Boolean);
}

const modules: StoryModule[] = [introduction, chatLightbox, chatThread, chatWidget, fileAlbum, fileBubble, fileComposer, textBubble];

for (const module of modules) {
  describe(`stories: ${module.default.title}`, () => {
    const tag = module.default.component;
    for (const [name, story] of Object.entries(module)) {
      if (name === 'default') continue;
      it(`${name} renders without console errors and passes axe${tag ? `, its controls driving <${tag}>'s every attribute` : ''}`, async () => {
        const errors: unknown[] = [];
        const realError = console.error;
        console.error = (...args: unknown[]) => errors.push(args);
        try {
          const canvas = await fixture<HTMLDivElement>(html`<div></div>`);
          // As Storybook does: the story's args over the file's.
          const args = { ...module.default.args, ...(story as StoryObject).args };
          render((story as StoryObject).render(args), canvas);
          await settle(canvas);
          if (tag) {
            // Storybook shows controls only for a story whose render takes its args; each attribute needs a row with a value.
            expect((story as StoryObject).render.length, 'the render takes the args').to.equal(1);
            const element = canvas.querySelector(tag) as unknown as Record<string, unknown> | null;
            expect(element, `<${tag}> is the story's (first) element`).to.not.equal(null);
            for (const field of await attributeFields(tag)) {
              expect(args, `a control for ${field}`).to.have.property(field);
              if (args[field] !== undefined) expect(element![field], `${field} follows its control`).to.deep.equal(args[field]);
            }
          }
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
