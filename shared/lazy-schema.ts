// A zod schema built the first time it is used, not when its module loads. zod 4 builds a schema
// at some 50 µs apiece on a cold start, and the contract and domain modules declare hundreds: a
// `cwb control list` spent a quarter of its run building schemas it never used. A lazy schema is
// a stand-in that builds the real one on first touch (a parse, `.extend`, `.shape`, nesting it
// in another schema's parse) and from then on forwards everything to it.
//
// Use it for exported schemas of modules that a short process loads; keep a plain schema where
// it is used at once anyway. The stand-in is not the schema itself: compare schemas by what they
// parse, never by identity, and do not register it in a zod registry (none is used here).

/** Counts how many lazy schemas have been built in this process (tests: what loading a module builds). */
let built = 0;
export function lazySchemasBuilt(): number {
  return built;
}

export function lazySchema<S extends object>(build: () => S): S {
  let schema: S | undefined;
  const real = (): S => {
    if (schema === undefined) {
      schema = build();
      built++;
    }
    return schema;
  };
  return new Proxy({} as S, {
    get: (_target, key) => Reflect.get(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // the stand-in has no own properties: report each as configurable, as a proxy must
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
