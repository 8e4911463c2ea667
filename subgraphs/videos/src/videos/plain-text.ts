import { Rule } from '@vp/kit';

// Bidirectional overrides and isolates make text display as something other than what it says
// (a comment that reads one way and is stored another); the kit's PlainText refuses the rest.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Text without bidirectional overrides, for what one user writes and others read. */
export const NoDirectionOverrides = () =>
  Rule(function noDirectionOverrides(value: unknown) {
    return typeof value === 'string' && DIRECTION_CONTROLS.test(value)
      ? 'No text-direction control characters.'
      : null;
  });

/** CR LF and lone CR become LF, so that a text is stored (and counted) the same from any system. */
export const normalizeLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n');
