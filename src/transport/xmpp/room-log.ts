/**
 * The order of one room as this client knows it. Every message the room archives gets the next
 * `seq`, so `seq` is the message's position in the room archive (counted from the archive's size
 * when the client first joined): the same order every occupant sees, as a Prosody MUC broadcasts
 * and archives in one order. The room's stanza-id of each seq is kept to ask the archive for
 * what lies before or after it.
 */
export class RoomLog {
  /** The highest seq given so far. */
  lastSeq = 0;
  /** The stanza-id of `lastSeq`, where catching up starts. */
  lastStanzaId?: string;
  readonly #seqByStanzaId = new Map<string, number>();
  readonly #stanzaIdBySeq = new Map<number, string>();
  readonly #seqById = new Map<string, number>();

  /** Whether the stanza with this room stanza-id already has its seq. */
  has(stanzaId: string | undefined): boolean {
    return stanzaId !== undefined && this.#seqByStanzaId.has(stanzaId);
  }

  /** Numbers from `base + 1` on, unless numbering is already past it. */
  startAfter(base: number): void {
    this.lastSeq = Math.max(this.lastSeq, base);
  }

  /** The next seq, for a new stanza arriving in room order (`stanzaId` undefined in a room without archive). */
  next(stanzaId?: string): number {
    const seq = ++this.lastSeq;
    if (stanzaId !== undefined) {
      this.place(stanzaId, seq);
      this.lastStanzaId = stanzaId;
    }
    return seq;
  }

  /** Records where a stanza from a history page stands. */
  place(stanzaId: string, seq: number): void {
    this.#seqByStanzaId.set(stanzaId, seq);
    this.#stanzaIdBySeq.set(seq, stanzaId);
  }

  /** The stanza-id at `seq`, if this client has seen it. */
  stanzaIdAt(seq: number): string | undefined {
    return this.#stanzaIdBySeq.get(seq);
  }

  /** The seq of the stanza with this room stanza-id, if known. */
  seqOfStanza(stanzaId: string): number | undefined {
    return this.#seqByStanzaId.get(stanzaId);
  }

  /**
   * Gives message `id` the seq `seq` unless it has one already (the same message archived twice
   * keeps its first place). Returns whether it was new.
   */
  claim(id: string, seq: number): boolean {
    if (this.#seqById.has(id)) return false;
    this.#seqById.set(id, seq);
    return true;
  }

  /** The seq message `id` was stored at, once it came back from the room. */
  seqOf(id: string): number | undefined {
    return this.#seqById.get(id);
  }
}
