/* eslint-disable no-control-regex -- finding control characters is the point */
// C0 and C1 control characters, and the bidirectional overrides that make text display as
// something other than what it says. Multi-line text keeps tabs and line feeds.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS_BUT_TAB_AND_LF =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Text as stored: CR LF and lone CR become LF, outer whitespace goes. */
export const normalizeText = (raw: string) => raw.replace(/\r\n?/g, '\n').trim();

/** Length in characters (code points), as PostgreSQL's char_length counts them. */
export const characterCount = (text: string) => [...text].length;

export const hasControlCharacters = (text: string, options: { multiline: boolean }) =>
  (options.multiline ? CONTROLS_BUT_TAB_AND_LF : CONTROLS).test(text);
