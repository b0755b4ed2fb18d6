/**
 * Compile-time guards that keep a zod schema and the type it documents equal: a `const` typed
 * `Same<z.output<typeof schema>, T>` and set to `true` fails `tsc` when they drift.
 * Mutual assignability: it tells missing and retyped members apart, not an optional member
 * present on one side only; compare `Json<…>` forms (src/ci/ndjson-schema.ts) where that matters.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
