/**
 * Discord's message and component limits
 * (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * https://discord.com/developers/docs/components/reference), respected by the
 * builders here so no caller has to think about them (a test renders the worst
 * cases through the fake Discord).
 */
export const LIMITS = {
  content: 2000,
  description: 4096,
  title: 256,
  footer: 2048,
  fieldValue: 1024,
  buttonLabel: 80,
  customId: 100,
  embedsTotal: 6000,
  choices: 25,
  choiceName: 100,
} as const;

/** Room for an essay page: the description limit less the title line's share of the 6000 total. */
export const ESSAY_PAGE_CHARS = 4000;

/** Ink-blue accent shared by every embed. */
export const ACCENT = 0x3b5b92;

/** Entries per list page: ten entries fill two rows of buttons, leaving one for the pager. */
export const LIST_PAGE_SIZE = 10;
