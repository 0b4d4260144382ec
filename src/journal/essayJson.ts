/** The public JSON shape of an essay (docs/interface.md, "JSON shapes"): the CLI's --json output and the export build on it. */
import type { Essay } from './essay.js';

export interface EssayJson {
  id: number;
  title: string | null;
  date: string;
  place: string | null;
  tags: string[];
  hidden: boolean;
  /** The content warning, or null. */
  warning: string | null;
}

export function essayJson(
  essay: Pick<Essay, 'id' | 'title' | 'date' | 'place' | 'tags' | 'hidden' | 'warning'>,
): EssayJson {
  return {
    id: essay.id,
    title: essay.title,
    date: essay.date,
    place: essay.place,
    tags: essay.tags,
    hidden: essay.hidden,
    warning: essay.warning,
  };
}
