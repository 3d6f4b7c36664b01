import { z } from 'zod';

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A link the UI will render: http or https only, so that a `javascript:`
 * or `data:` URL cannot be stored and clicked.
 */
export const httpUrl = z
  .string()
  .max(2000)
  // URL parsing drops tabs and line breaks; a stored link must not carry them.
  .refine(
    url => !hasControlCharacter(url),
    'must not contain control characters',
  )
  .url()
  .refine(url => /^https?:\/\//i.test(url), 'must be an http(s) URL');
