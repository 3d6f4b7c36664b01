/**
 * Extension points of the Integration Health backend, for adopters' backend
 * modules. Evidence sources (Pact Broker, pact files, WireMock mappings, CI
 * pushes) plug in here once contract evidence lands; nothing is exported yet.
 *
 * @packageDocumentation
 */
export {};
