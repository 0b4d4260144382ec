/** What an essay file or form yields once parsed: the author's words and their metadata. */
export interface EssayDraft {
  /** Null when the author gave none; interfaces then show the date and first words. */
  title: string | null;
  /** The author's text exactly, without title and footer lines (LF line ends). */
  body: string;
  /** The author's calendar date, `YYYY-MM-DD`. */
  date: string;
  place: string | null;
  tags: string[];
  /**
   * A content warning (`warning: 离别`): Discord shows it and keeps the text
   * behind a spoiler until the reader asks. Absent or null: none.
   */
  warning?: string | null;
  /**
   * Only from a file's front matter (`hidden: true|false`, as exports write
   * it); absent means "leave the essay's flag as it is".
   */
  hidden?: boolean;
}

/** An essay as stored. */
export interface Essay extends EssayDraft {
  id: number;
  /** Kept out of anniversaries, random picks and quotes; still found by authors. */
  hidden: boolean;
  warning: string | null;
  /** The file path it was imported from, or `discord`. */
  source: string;
  contentHash: string;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}
