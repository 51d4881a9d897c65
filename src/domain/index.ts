/**
 * The domain core: the product's vocabulary as constants and typed, parameterised Cypher fragments.
 * Depends on nothing above it (no graph/, features/, server/ imports; see eslint.config.mjs).
 */
export * from "./cypher.fragment";
export * from "./evidence";
export * from "./evidence.pieces";
export * from "./evidence.rows";
export * from "./name-key";
export * from "./node-types";
export * from "./place.codes";
export * from "./place.names";
export * from "./place.types";
export * from "./topic.closure";
export * from "./works-in";
