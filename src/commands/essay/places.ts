/** `/essay places`: where the essays were written, with counts and years. */
import { renderPlaces } from '../../messages/places.js';
import { CHANNEL_VISIBILITY } from '../context.js';
import { subcommand } from '../define.js';
import type { HandlerContext, MessagePayload, Subcommand } from '../types.js';

/** A page of places as the channel may see them (hidden essays never count in public). */
export function renderPlacesPage(ctx: HandlerContext, page: number): MessagePayload {
  return renderPlaces(ctx.store.places.all(CHANNEL_VISIBILITY), page, ctx.locale);
}

export const places: Subcommand = {
  data: subcommand('essay.places'),
  access: 'everyone',
  execute: (ctx) => ({ kind: 'message', payload: renderPlacesPage(ctx, 0) }),
};
