import { css } from 'lit';
import { token } from './theme.styles.ts';

/**
 * A progress bar: `.progress`, the track, holding `.fill`, as wide as `--fraction` (0 to 1) of it
 * and growing from the inline start (the right in a right-to-left page). Where the bar sits (its
 * flex sizing) is up to the element using it.
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
    inline-size: calc(var(--fraction, 0) * 100%);
    background: var(--chat-progress-color, ${token('accent')});
    transition: inline-size 0.2s;
  }

  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }
`;
