/**
 * libp2p 3 calls `Promise.withResolvers` (ES2024) on hot paths: streams, multistream-select, yamux.
 * Node 20 ships V8 11.3, which lacks it, so every entry point (CLI, workers, tests) imports this module
 * before anything that loads libp2p. On Node >= 22 this is a no-op.
 */
interface Resolvers<T> {
  promise: Promise<T>
  resolve: (value: T | PromiseLike<T>) => void
  reject: (reason?: unknown) => void
}

const PromiseCtor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> }

if (typeof PromiseCtor.withResolvers !== 'function') {
  PromiseCtor.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve']
    let reject!: Resolvers<T>['reject']
    const promise = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise, resolve, reject }
  }
}

export {}
