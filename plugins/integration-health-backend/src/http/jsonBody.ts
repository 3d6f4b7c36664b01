import { InputError } from '@backstage/errors';
import express from 'express';

/** Deeper JSON than any spec, pact or form needs; deeper is refused. */
export const MAX_JSON_DEPTH = 100;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Throws when a JSON text nests objects and arrays deeper than `max`: one
 * pass over the bytes, before anything parses or walks the document, so
 * that no later recursion can overflow the stack.
 */
export function assertJsonDepthWithin(text: Uint8Array, max: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > max) {
        // The status is for the body parser, which would answer 403 otherwise.
        throw Object.assign(
          new InputError(`Invalid body: nested deeper than ${max} levels`),
          { status: 400 },
        );
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
}

/** A JSON body parser for one route: its size limit, and the nesting limit. */
export function jsonBody(options: { limit?: string } = {}) {
  return express.json({
    limit: options.limit ?? '100kb',
    verify: (_req, _res, buffer) =>
      assertJsonDepthWithin(buffer, MAX_JSON_DEPTH),
  });
}
