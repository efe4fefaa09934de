export type * from './messages/types.js'
export type * from './engine/types.js'
export * from './wire/index.js'
