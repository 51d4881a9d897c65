import type { Props } from "./node.repository";

/** Typed readers for node properties coming back from Neo4j. */
export const str = (p: Props, k: string): string => (typeof p[k] === "string" ? (p[k] as string) : "");
export const optStr = (p: Props, k: string): string | null =>
  typeof p[k] === "string" ? (p[k] as string) : null;
export const optNum = (p: Props, k: string): number | null =>
  typeof p[k] === "number" ? (p[k] as number) : null;
