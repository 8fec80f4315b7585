import { css } from 'lit';

/**
 * The round play control over a video's poster (bubble, album tile, lightbox): `.play`, sized by
 * `--play-size` where it sits (a darker disc on hover).
 */
export const playButtonStyles = css`
  .play {
    display: grid;
    place-items: center;
    box-sizing: border-box;
    width: var(--play-size, 3.5rem);
    height: var(--play-size, 3.5rem);
    padding: 0 0 0 calc(var(--play-size, 3.5rem) / 18);
    border: none;
    border-radius: 50%;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
  }

  .play:hover {
    background: rgb(0 0 0 / 0.78);
  }
`;
