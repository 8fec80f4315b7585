import { css } from 'lit';
import { token } from './theme.styles.ts';

/**
 * A progress bar: `.progress`, the track, holding `.fill`, as wide as `--fraction` (0 to 1) of it
 * and growing from the inline start (the right in a right-to-left page). Where the bar sits (its
 * flex sizing) is up to the element using it. The fill is scaled, not sized, and steps without
 * easing: progress changes a few times a second (`PROGRESS_INTERVAL_MS`), and an easing between
 * steps kept the page drawing frames all along an upload (on a 1 GB send, some 0.35 s of CPU
 * that the upload needed).
 */
export const progressStyles = css`
  .progress {
    height: 0.375em;
    border-radius: 999px;
    background: ${token('progress-track')};
    overflow: hidden;
  }

  .fill {
    block-size: 100%;
    transform: scaleX(var(--fraction, 0));
    transform-origin: left;
    background: var(--chat-progress-color, ${token('accent')});
  }

  .fill:dir(rtl) {
    transform-origin: right;
  }
`;
