import { Suspense, lazy, useEffect, useRef } from "react";
import { SkipLink } from "@nl-design-system-candidate/skip-link-react/css";
import { Link, Route, Switch, useLocation } from "wouter";
import { Loading } from "./components/status";
import { NotFoundPage } from "./pages/not-found.page";
import { OrganisationPage } from "./pages/organisation.page";
import { SearchPage } from "./pages/search.page";
import { WhoWorksOnPage } from "./pages/who-works-on.page";

// The network view (sigma, WebGL, ForceAtlas2) is its own chunk: the search page never loads it.
const NetworkPage = lazy(() => import("./pages/network.page"));

const NAVIGATION = [
  { href: "/", label: "Zoeken", matches: (path: string) => path === "/" || path.startsWith("/zoeken") },
  {
    href: "/wie-werkt-waaraan",
    label: "Wie werkt waaraan, waar",
    matches: (p: string) => p.startsWith("/wie-werkt"),
  },
  { href: "/netwerk", label: "Netwerk", matches: (path: string) => path.startsWith("/netwerk") },
];

export function App() {
  const [location] = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a navigation, keyboard and screen-reader users continue at the new page's content.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [location]);
  return (
    <>
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="site-title">
            De Verkenner
          </Link>
          <span className="site-subtitle">Kennisgraaf zorg en welzijn</span>
          <nav aria-label="Hoofdmenu">
            <ul className="site-nav">
              {NAVIGATION.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={item.matches(location) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="inhoud" ref={main} tabIndex={-1} className="site-main">
        <Suspense fallback={<Loading what="het netwerk" />}>
          <Switch>
            <Route path="/" component={SearchPage} />
            <Route path="/zoeken" component={SearchPage} />
            <Route path="/organisatie/:key">
              {(params) => <OrganisationPage key={params.key} id={params.key} />}
            </Route>
            <Route path="/wie-werkt-waaraan" component={WhoWorksOnPage} />
            <Route path="/netwerk" component={NetworkPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Gegevens uit de kennisgraaf, via de openbare GraphQL-API (<a href="/graphql">/graphql</a>). Geen
          persoonsgegevens.
        </p>
      </footer>
    </>
  );
}
