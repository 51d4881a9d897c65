import { useEffect, useState } from "react";
import { type Operation, request } from "./graphql.client";

export type QueryState<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "done"; data: T };

/**
 * Runs an operation whenever its variables change (compared as JSON); `null` variables skip it.
 * A newer request aborts the older one, so an answer never arrives for a question no longer asked.
 */
export function useQuery<TResult, TVariables>(
  operation: Operation<TResult, TVariables>,
  variables: TVariables | null,
): QueryState<TResult> {
  const [state, setState] = useState<QueryState<TResult>>({ status: variables ? "loading" : "idle" });
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setState({ status: "loading" });
    request(operation, JSON.parse(key) as TVariables, controller.signal).then(
      (data) => setState({ status: "done", data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [operation, key]);
  return state;
}
