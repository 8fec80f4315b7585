import { css } from 'lit';

export const chatWidgetStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: var(--chat-widget-height, 32rem);
    max-width: 100%;
    font-family: var(--chat-font, system-ui, sans-serif);
    color: var(--chat-text-color, #1f2328);
    background: var(--chat-background, #ffffff);
    border: 1px solid var(--chat-border-color, #d0d7de);
    border-radius: var(--chat-widget-radius, 12px);
    overflow: hidden;
    position: relative;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--chat-border-color, #d0d7de);
    font-weight: 600;
  }
  .status {
    font-size: 0.8rem;
    font-weight: 400;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .status::before {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: var(--chat-status-offline, #cf222e);
  }
  .status[data-status='online']::before {
    background: var(--chat-status-online, #1a7f37);
  }
  .status[data-status='connecting']::before {
    background: var(--chat-status-connecting, #9a6700);
  }
  chat-thread {
    flex: 1;
    min-height: 0;
  }
  .drop-overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: color-mix(in srgb, var(--chat-accent, #0969da) 12%, transparent);
    border: 2px dashed var(--chat-accent, #0969da);
    border-radius: inherit;
    font-weight: 600;
    pointer-events: none;
  }
  .notice {
    margin: 0;
    padding: 0.25rem 0.75rem;
    font-size: 0.8rem;
    color: var(--chat-error-color, #cf222e);
  }
`;
