/** The JSON shapes of interface.md ("JSON shapes"), shared by every subcommand that prints essays. */
import type { Essay } from '../journal/essay.js';

export interface EssayJson {
  id: number;
  title: string | null;
  date: string;
  place: string | null;
  tags: string[];
  hidden: boolean;
}

export function essayJson(essay: Omit<Essay, 'body'>): EssayJson {
  return { id: essay.id, title: essay.title, date: essay.date, place: essay.place, tags: essay.tags, hidden: essay.hidden };
}
