/**
 * The signals channel on which the backend says that integrations, specs or
 * scores changed, so that open pages load them again.
 *
 * @public
 */
export const INTEGRATIONS_SIGNAL_CHANNEL = 'integration-health:integrations';

/**
 * The message on {@link INTEGRATIONS_SIGNAL_CHANNEL}: the keys
 * ({@link entitySignalKey}) of the entities whose integrations may read
 * differently, or none when anything may have changed. Keys, not entity
 * references, because every signed-in user receives the message.
 *
 * @public
 */
export type IntegrationsChangedSignal = {
  entityKeys?: string[];
};

/**
 * A short digest of an entity reference (32-bit FNV-1a of its lowercase
 * form, in hex): a page knows its entity's key; the message names no entity.
 *
 * @public
 */
export function entitySignalKey(entityRef: string): string {
  let hash = 0x811c9dc5;
  for (const char of entityRef.toLocaleLowerCase('en-US')) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
