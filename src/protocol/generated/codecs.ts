// The generated codecs as one namespace, for users who validate their own payloads.
export * from './resources.js';
export * from './events.js';
