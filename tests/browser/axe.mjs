// Open each HTML file given on the command line in headless Chromium, run axe-core on it, and print
// {file: {violations, layout}} as JSON (WCAG 2.2 A and AA rules and axe's best practices; the widest line of
// running text in ems and how many pieces of the page furniture overlap the content).
// Usage: node axe.mjs CHROMIUM FILE...
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const [executablePath, ...files] = process.argv.slice(2);

const browser = await launch(executablePath);
const results = {};
try {
  for (const file of files) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const found = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }),
    );
    const layout = await page.evaluate(() => {
      // each paragraph's width in its own ems (a cover's large title is not running text)
      const ems = (p) => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize);
      const widest = Math.max(...[...document.querySelectorAll("main p")].map(ems));
      const furniture = [...document.querySelectorAll(".page-furniture *")].map((e) => e.getBoundingClientRect());
      const content = [...document.querySelectorAll("main *")].map((e) => e.getBoundingClientRect());
      const meets = (a, b) => a.width && b.width && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return { widestLineEm: widest, overlaps: furniture.filter((f) => content.some((c) => meets(f, c))).length };
    });
    results[file] = {
      layout,
      violations: found.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
      })),
    };
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results, null, 2));
