import { z } from 'zod';

/**
 * A link the UI will render: http or https only, so that a `javascript:`
 * or `data:` URL cannot be stored and clicked.
 */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine(url => /^https?:\/\//i.test(url), 'must be an http(s) URL');
