/**
 * Discord's message and component limits
 * (https://discord.com/developers/docs/components/reference), respected by the
 * builders here so no caller has to think about them (a test renders the worst
 * cases through the fake Discord).
 */
export const LIMITS = {
  /** Components in one Components V2 message, counted through containers, sections and rows. */
  components: 40,
  /** Characters of one text display, and of all text displays of a message together. */
  text: 4000,
  /** Text displays beside one section's accessory. */
  sectionTexts: 3,
  /** Items in one media gallery. */
  galleryItems: 10,
  /** Alt text of a media gallery item. */
  mediaDescription: 1024,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
} as const;

/** Discord's upload limit for bots in a server without boosts. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** An essay card's heading ("## title"): titles longer than this are cut with "…". */
export const TITLE_CHARS = 200;
/** The subtle line under it (date · place · N years ago · tags · page k/n). */
export const META_CHARS = 300;
/** What a content warning's line and spoiler marks can take of a page (the warning is ≤ 100 characters, escaped ≤ 200). */
export const WARNING_ROOM = 300;

/**
 * Room for an essay page: the message's 4,000 characters less the heading,
 * the meta line, the line breaks between them and some slack. A warned
 * essay's pages are shorter by WARNING_ROOM.
 */
export const ESSAY_PAGE_CHARS = LIMITS.text - TITLE_CHARS - META_CHARS - 100;

/** Ink-blue accent shared by every card. */
export const ACCENT = 0x3b5b92;

/**
 * Entries per list page. Each entry is a Section (section + text + button
 * = 3 components): 10 entries are 30, the container, heading, separator and
 * pager row (1 + 3 buttons) bring it to 37 of 40.
 */
export const LIST_PAGE_SIZE = 10;

/** Characters of one list entry's text (head line and preview), so ten fit in 4,000 with the heading. */
export const LIST_ENTRY_CHARS = 300;
