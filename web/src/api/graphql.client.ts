import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
import manifest from "../gql/persisted-documents.json";

/** A generated operation: its types, and the hash under which the manifest lists its text. */
export type Operation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  __meta__?: { hash?: string };
};

const documents: Record<string, string> = manifest;

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Sends one trusted document: the exact text the manifest lists under its hash, so that a service in
 * trusted-documents mode recognises it (sha256 of the text) and an open one simply runs it.
 */
export async function request<TResult, TVariables>(
  operation: Operation<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const hash = operation.__meta__?.hash;
  const query = hash ? documents[hash] : undefined;
  if (!query)
    throw new GraphQLRequestError("Deze vraag staat niet in de lijst van vertrouwde documenten.", undefined);
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body: GraphQLBody<TResult>;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    throw new GraphQLRequestError(
      `De dienst gaf een onleesbaar antwoord (HTTP ${response.status}).`,
      undefined,
    );
  }
  const error = body.errors?.[0];
  if (error) throw new GraphQLRequestError(error.message, error.extensions?.code);
  if (!body.data)
    throw new GraphQLRequestError(`Geen gegevens ontvangen (HTTP ${response.status}).`, undefined);
  return body.data;
}
