export type * from './messages/types.js'
export type * from './engine/types.js'
