import { css } from 'lit';
import { token } from './theme.styles.ts';

/**
 * A progress bar: `.progress`, the track, holding `.fill`, as wide as `--fraction` (0 to 1) of it
 * and growing from the inline start (the right in a right-to-left page). Where the bar sits (its
 * flex sizing) is up to the element using it. The fill is scaled, not sized: a width easing
 * between two progress updates would be laid out again at every frame, all along an upload.
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
    transition: transform 0.2s;
  }

  .fill:dir(rtl) {
    transform-origin: right;
  }

  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }
`;
