import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { projectPath } from "../../src/paths";
import { TrustedDocuments } from "../../src/server/trusted-documents";
import { WEB_DIST, WEB_TRUSTED_DOCUMENTS_FILE } from "../../src/server/web.static";
import { type TestServer, startTestServer } from "../support/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === "true")
  throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it`);
if (!available)
  console.warn(`Verkenner browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const describeInBrowser = available ? describe : describe.skip;

/** `npm run screenshots` sets this: the tests then also save each page to docs/screenshots/. */
const SCREENSHOTS =
  process.env.VERKENNER_SCREENSHOTS === "1" ? projectPath("docs", "screenshots") : undefined;
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

interface Visit {
  page: Page;
  /** Requests to anything but the service on 127.0.0.1 (aborted). */
  external: string[];
  errors: string[];
}

describeInBrowser("De Verkenner in headless Chromium, through the real service", () => {
  let server: TestServer;
  let browser: Browser;
  const visits: Visit[] = [];

  /**
   * The body of the page's next GraphQL answer whose request text contains `marker`: the pages are
   * compared with what the API answered them (start waiting before the action that sends it).
   */
  async function pageAnswer<T>(page: Page, marker: string): Promise<T> {
    const response = await page.waitForResponse(
      (r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes(marker),
      { timeout: 60_000 },
    );
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIST, "index.html")))
      throw new Error("web/dist is not built: npm test runs `npm run build:web` before jest");
    // Trusted-documents mode with only the web app's manifest: every request the app makes must be in it.
    server = await startTestServer({
      trustedDocuments: TrustedDocuments.fromFile(WEB_TRUSTED_DOCUMENTS_FILE),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        // WebGL for sigma without a GPU: Chromium's software renderer.
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    // No request leaves 127.0.0.1, and no page throws.
    for (const visit of visits.splice(0)) {
      expect(visit.external).toEqual([]);
      expect(visit.errors).toEqual([]);
    }
  });

  async function open(pathname: string): Promise<Visit> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const visit: Visit = { page, external: [], errors: [] };
    visits.push(visit);
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.url}/`) || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      visit.external.push(url);
      return route.abort();
    });
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(`${server.url}/`) && !url.startsWith("data:") && !url.startsWith("blob:"))
        visit.external.push(url);
    });
    page.on("pageerror", (error) => visit.errors.push(error.message));
    const response = await page.goto(`${server.url}${pathname}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    return visit;
  }

  async function expectAccessible(page: Page): Promise<void> {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(
      () =>
        (
          window as unknown as { axe: { run(context: Document, options: unknown): Promise<unknown> } }
        ).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        }) as Promise<AxeResult>,
    );
    const violations = result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
    expect(violations).toEqual([]);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it("search → organisation → a partner suggestion → its explanation", async () => {
    const { page } = await open("/");
    await page.waitForSelector("text=organisaties", { timeout: 60_000 });
    await expectAccessible(page);

    await page.fill("#zoekwoorden", "toegankelijkheid");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#groep-ORGANISATION", { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("q")).toBe("toegankelijkheid");
    // The facets count the organisation hits; choosing one narrows the list to the hits it counts.
    const firstFacet = page.locator("fieldset.facet").first().locator("label.facet__option").nth(1);
    const counted = Number(await firstFacet.locator(".facet__count").innerText());
    await firstFacet.locator("input").check();
    await page.waitForFunction(
      (n) => document.querySelectorAll("#groep-ORGANISATION + ul > li").length === n,
      counted,
      { timeout: 10_000 },
    );
    await page.locator("fieldset.facet").first().locator("input").first().check();
    await expectAccessible(page);
    await screenshot(page, "zoeken");

    // A seed organisation (other test files add organisations with "t-" keys to the same graph meanwhile).
    const organisation = page.locator('#groep-ORGANISATION + ul a:not([href^="/organisatie/t-"])').first();
    const href = await organisation.getAttribute("href");
    const key = decodeURIComponent(href!.replace("/organisatie/", ""));
    // The panel shows what the API answered the page, in its order, with its scores and explanation. The
    // page's own answer is the reference: earlier test files of this worker leave organisations and
    // experiences behind, so a second request need not word an explanation's counts the same way.
    const answered = pageAnswer<{
      data: {
        partnerSuggestions: {
          explanation: string;
          organisation: { key: string; name: string };
          components: unknown[];
        }[];
      };
    }>(page, "partnerSuggestions(");
    await organisation.click();
    const answer = await answered;
    await page.waitForSelector("ol.partners li", { timeout: 60_000 });
    expect(answer.data.partnerSuggestions.every((s) => s.organisation.key !== key)).toBe(true);
    const suggestions = answer.data.partnerSuggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    const names = await page.locator("ol.partners > li .partner__head a").allInnerTexts();
    expect(names).toEqual(suggestions.map((s) => s.organisation.name));

    const first = page.locator("ol.partners > li").first();
    await first.locator("summary").click();
    const table = first.locator("table");
    await table.waitFor({ state: "visible" });
    expect(await table.locator("tbody tr").count()).toBe(suggestions[0]!.components.length);
    expect(await first.locator(".partner__explanation").innerText()).toBe(suggestions[0]!.explanation);
    await expectAccessible(page);
    await screenshot(page, "organisatie");

    // The other mode asks again; the panel shows the API's complementary suggestions (the page's own answer).
    const answeredComplementary = pageAnswer<{
      data: { partnerSuggestions: { organisation: { name: string } }[] };
    }>(page, '"mode":"COMPLEMENTARY"');
    await page.getByLabel("Aanvullend").check();
    const complementary = await answeredComplementary;
    const expected = complementary.data.partnerSuggestions.map((s) => s.organisation.name);
    expect(expected.length).toBeGreaterThan(0);
    await page.waitForFunction(
      (names) =>
        JSON.stringify(
          Array.from(document.querySelectorAll("ol.partners > li .partner__head a")).map(
            (a) => a.textContent,
          ),
        ) === JSON.stringify(names),
      expected,
      { timeout: 60_000 },
    );

    // A suggestion leads to its own profile.
    await page.locator("ol.partners > li .partner__head a").first().click();
    await page.waitForFunction((name) => document.querySelector("h1")?.textContent === name, expected[0], {
      timeout: 60_000,
    });
    await page.close();
  }, 240_000);

  it("who works on what, where, with a place: the map shows the places", async () => {
    const { page } = await open("/wie-werkt-waaraan");
    await page.waitForSelector("#onderwerp option[value='samenwerken-met-de-gemeente']", {
      state: "attached",
      timeout: 60_000,
    });
    await page.selectOption("#onderwerp", "samenwerken-met-de-gemeente");
    await page.getByLabel("Gemeente", { exact: true }).check();
    await page.fill("#gemeente", "Bladel");
    // The page's own answer is the reference (earlier files of this worker leave data behind).
    const answered = pageAnswer<{
      data: {
        whoWorksOn: {
          edges: {
            node: { key: string };
            evidence: { place: { __typename: string; code?: string } | null }[];
          }[];
        };
      };
    }>(page, "whoWorksOn(");
    await page.getByRole("button", { name: "Toon organisaties" }).click();
    const answer = await answered;
    await page.waitForSelector("#antwoord-kop", { timeout: 60_000 });
    await page.waitForSelector("svg.nl-map circle", { timeout: 60_000 });
    const edges = answer.data.whoWorksOn.edges;
    expect(edges.map((e) => e.node.key)).toContain("zc-hoogeloon");
    const listed = await page
      .locator("ol.ranked > li .ranked__head a")
      .evaluateAll((links) =>
        links.map((a) => decodeURIComponent(a.getAttribute("href")!.replace("/organisatie/", ""))),
      );
    expect(listed).toEqual(edges.map((e) => e.node.key));
    const places = new Set(
      edges.flatMap((e) =>
        e.evidence.flatMap((x) => (x.place?.__typename === "Municipality" ? [x.place.code] : [])),
      ),
    );
    expect(places.has("GM1728")).toBe(true);
    for (const code of places)
      expect(
        await page.locator(`svg.nl-map circle.nl-map__marker--result[data-code='${code}']`).count(),
      ).toBe(1);
    await expectAccessible(page);
    await screenshot(page, "wie-werkt-waaraan");

    // A former municipality by name resolves to its successor.
    await page.goto(
      `${server.url}/wie-werkt-waaraan?onderwerp=ervaringsdeskundigheid&plaats=gemeente&gemeente=Sint%20Anthonis`,
    );
    await page.waitForFunction(
      () => document.querySelector("#antwoord-kop")?.textContent?.includes("Land van Cuijk"),
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.close();
  }, 240_000);

  it("the network view draws as many nodes as the API's answer and focuses on one organisation", async () => {
    const { page } = await open("/netwerk");
    const body = await pageAnswer<{
      data: {
        network: { nodes: { id: string; key: string; name: string; degree: number }[]; edges: unknown[] };
      };
    }>(page, "network(");
    const nodes = body.data.network.nodes;
    expect(nodes.length).toBeGreaterThan(5);

    const stage = page.getByTestId("network-canvas");
    await stage.waitFor({ timeout: 60_000 });
    expect(Number(await stage.getAttribute("data-nodes"))).toBe(nodes.length);
    expect(Number(await stage.getAttribute("data-edges"))).toBe(body.data.network.edges.length);
    expect(await stage.locator("canvas").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("summary-nodes").innerText()).toBe(String(nodes.length));
    expect(Number(await page.locator("table.network-table").getAttribute("data-rows"))).toBe(nodes.length);

    // Search to focus: the best-connected organisation and its direct ties.
    const hub = [...nodes].sort((a, b) => b.degree - a.degree)[0]!;
    await page.fill("#focus-zoek", hub.name);
    await page.getByRole("button", { name: "Focus", exact: true }).click();
    const status = page.locator(".focus-status");
    await page.waitForFunction(
      (key) => document.querySelector(".focus-status")?.getAttribute("data-focus") === key,
      hub.key,
    );
    expect(Number(await status.getAttribute("data-focus-count"))).toBe(hub.degree + 1);
    expect(Number(await page.locator("table.network-table").getAttribute("data-rows"))).toBe(hub.degree + 1);
    // The depth slider by keyboard: two steps reach at least as far.
    await page.focus("#diepte");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector("label[for=diepte]")?.textContent?.endsWith("2"));
    expect(Number(await status.getAttribute("data-focus-count"))).toBeGreaterThanOrEqual(hub.degree + 1);

    // The table is sortable by keyboard.
    await page.getByRole("button", { name: "Organisatie", exact: true }).focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("table.network-table th[aria-sort]").innerText()).toContain("Organisatie");

    await page.getByRole("button", { name: "Focus opheffen" }).click();
    // Let ForceAtlas2 settle (it stops by itself) before the picture and the audit.
    await page.waitForSelector("text=Indeling hervatten", { timeout: 60_000 });
    await expectAccessible(page);
    await screenshot(page, "netwerk");
    await page.close();
  }, 240_000);

  it("serves client routes, never shadows the API and answers unknown paths with the JSON 404", async () => {
    const home = await fetch(`${server.url}/netwerk`);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toContain("text/html");
    expect(home.headers.get("cache-control")).toBe("no-cache");
    const html = await home.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${server.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toContain("immutable");
    const unknown = await fetch(`${server.url}/api/iets`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not found" });
    expect((await fetch(`${server.url}/healthz`)).headers.get("content-type")).toContain("json");
    const missingExport = await fetch(`${server.url}/export/bestaat-niet`);
    expect(missingExport.headers.get("content-type")).toContain("json");

    const { page } = await open("/organisatie/bestaat-niet");
    await page.waitForSelector("h1", { timeout: 60_000 });
    expect(await page.locator("h1").innerText()).toBe("Organisatie niet gevonden");
    await expectAccessible(page);
    await page.close();
  }, 60_000);
});
