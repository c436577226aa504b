/** A copy of a plain JSON-safe object without the keys whose value is `undefined`. */
export const defined = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value));
