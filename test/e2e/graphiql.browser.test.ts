import { chromium, type Browser } from "playwright-core";
import { chromiumPath } from "../support/chromium";
import { startTestServer, type TestServer } from "../support/server";

describe("GraphiQL in headless Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ graphiql: true });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders offline and runs the example query against the real graph", async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      external.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    const response = await page.goto(`${server.url}/graphiql`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
    // The example query is in the editor; run it.
    await page.waitForFunction(() => document.body.innerText.includes("whoWorksOn"), undefined, {
      timeout: 30_000,
    });
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".result-window, .graphiql-response")).some((el) =>
          el.textContent?.includes("Zorgco"),
        ),
      undefined,
      { timeout: 30_000 },
    );
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
