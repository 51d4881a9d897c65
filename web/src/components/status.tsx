import { useEffect } from "react";

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="status">
      Bezig met laden van {what}…
    </p>
  );
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <div role="alert" className="status status--error">
      <strong>Er ging iets mis.</strong> {message}
    </div>
  );
}

/** Sets the browser tab's title, so that screen-reader users hear where a navigation took them. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – De Verkenner`;
  }, [title]);
}
