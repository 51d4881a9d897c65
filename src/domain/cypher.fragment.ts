/**
 * A piece of Cypher with the parameters it reads. Fragments are composed by string interpolation of
 * `cypher` and by merging `params`; every value travels as a parameter, never inside the text
 * (docs/decisions/0010-domain-cypher-fragments.md).
 */
export interface Fragment {
  readonly cypher: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export function fragment(cypher: string, params: Record<string, unknown> = {}): Fragment {
  return { cypher, params };
}

/** Variable names are interpolated into fragments: only plain identifiers are accepted. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a Cypher identifier: ${name}`);
  return name;
}

/** The conjunction of fragments (absent ones are skipped); "true" when none is left. */
export function and(...parts: (Fragment | undefined | null)[]): Fragment {
  const present = parts.filter((p): p is Fragment => Boolean(p));
  return {
    cypher: present.length ? present.map((p) => `(${p.cypher})`).join(" AND ") : "true",
    params: Object.assign({}, ...present.map((p) => p.params)),
  };
}

/** The disjunction of fragments: "false" when none is given. */
export function or(...parts: Fragment[]): Fragment {
  return {
    cypher: parts.length ? parts.map((p) => `(${p.cypher})`).join(" OR ") : "false",
    params: Object.assign({}, ...parts.map((p) => p.params)),
  };
}

/**
 * The fragment with every parameter renamed `<prefix>_<name>`, so that a fragment can be used twice in
 * one query (a municipality and a province filter).
 */
export function renamed(f: Fragment, prefix: string): Fragment {
  const p = identifier(prefix);
  const names = Object.keys(f.params).sort((a, b) => b.length - a.length);
  let cypher = f.cypher;
  for (const name of names) cypher = cypher.replace(new RegExp(`\\$${name}\\b`, "g"), `$${p}_${name}`);
  return { cypher, params: Object.fromEntries(Object.entries(f.params).map(([k, v]) => [`${p}_${k}`, v])) };
}
