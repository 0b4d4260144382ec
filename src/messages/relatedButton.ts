/** The Related button of an essay card (apart from the list it opens, which builds on the essay card's ids). */
import type { APIButtonComponent } from 'discord-api-types/v10';
import { t, type Locale } from '../i18n/index.js';
import { button } from './builders.js';

export const relatedIds = {
  /** Lists the essays related to essay `id` (decoded in commands/essay/index.ts). */
  list: (id: number) => `essay:related:${id}`,
};

/** The 🔗 Related button of an essay card. */
export function relatedButton(essayId: number, locale: Locale): APIButtonComponent {
  return button(relatedIds.list(essayId), t(locale, 'related.button'), { emoji: '🔗' });
}
