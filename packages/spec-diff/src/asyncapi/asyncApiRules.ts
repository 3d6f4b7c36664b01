import { FindingLevel } from '../types';

/** AsyncAPI channel, operation and message rules (payload schemas use the schema rules). */
export const ASYNCAPI_RULES: Record<string, FindingLevel> = {
  'channel-removed': 'breaking',
  'channel-added': 'info',
  'operation-removed': 'breaking',
  'operation-added': 'info',
  'message-removed': 'breaking',
  'message-added': 'info',
  'server-removed': 'breaking',
  'server-added': 'info',
  // Clients connect to the old host, protocol or version and find nothing.
  'server-changed': 'breaking',
  'channel-address-changed': 'breaking',
  // A version number announces a change; it does not make one.
  'info-version-changed': 'info',
  'info-changed': 'info',
  'operation-description-changed': 'info',
  // Subscribers may receive a message type they do not know how to read.
  'message-added-to-subscription': 'warning',
};
