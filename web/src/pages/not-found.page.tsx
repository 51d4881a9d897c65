import { Heading } from "@nl-design-system-candidate/heading-react/css";
import { Link } from "wouter";
import { usePageTitle } from "../components/status";

export function NotFoundPage() {
  usePageTitle("Pagina niet gevonden");
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <p>
        Deze pagina bestaat niet. Ga naar <Link href="/">Zoeken</Link>.
      </p>
    </>
  );
}
