// The workbench in a real browser: every role logs in, visits each page it may see (axe-core's WCAG 2.2 A and AA
// rules on each, a full-page screenshot of each, what the console said), then the flows: every part's editor saved
// unchanged, the case editor refusing a bad value and saving a good one, the chair's decision previewed and saved,
// an agency's chronology sent and accepted, the chair's approval, the pack rendered and downloaded (with a PDF, a
// Word file, a preview and the timetable's calendar), and each role's logout. Prints one JSON result on stdout:
// {pages: {"<role>-<page>": {status, title, h1, violations, bestPractice, console, screenshot}}, flows, errors}.
//
// Usage: WORKBENCH_CONFIG='{"users": {...}, ...}' node workbench.mjs CHROMIUM BASE_URL OUTDIR
// The configuration (in the environment, so that no password is on a command line):
//   users: {administrator|chair|author|agency-author: {name, password}}
//   case: the case's page name (llr-2026-04); agency: the agency author's agency (police)
//   workbook: a filled chronology workbook (.xlsx) for that agency; notWorkbook: a file that is not one
//   renderTimeout: milliseconds to wait for the pack (default 300000)
//   everyPart: true to visit (axe, screenshot) and save unchanged every part the administrator may edit
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const [executablePath, base, outdir] = process.argv.slice(2);
const config = JSON.parse(process.env.WORKBENCH_CONFIG ?? "{}");
const caseName = config.case ?? "llr-2026-04";
const agency = config.agency ?? "police";
const renderTimeout = config.renderTimeout ?? 300_000;
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const ROLES = ["administrator", "chair", "author", "agency-author"];
const caseUrl = `/cases/${caseName}`;

const result = { pages: {}, flows: {}, errors: [] };
await mkdir(outdir, { recursive: true });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run one step; a failure is recorded (with the step's name) and the next steps still run. */
async function step(name, action) {
  const started = Date.now();
  try {
    return await action();
  } catch (error) {
    result.errors.push({ step: name, error: String(error && error.stack ? error.stack : error) });
    return undefined;
  } finally {
    (result.timings ??= {})[name] = Date.now() - started;
  }
}

/** What the console and the page said while it was open: errors and warnings (a refused style or script too). */
function listen(page) {
  const heard = [];
  page.on("console", (message) => {
    if (["error", "warn", "warning"].includes(message.type())) {
      heard.push({ type: message.type(), text: message.text(), url: message.location()?.url ?? "" });
    }
  });
  page.on("pageerror", (error) => heard.push({ type: "pageerror", text: error.message, url: page.url() }));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    if (!failure.includes("ERR_ABORTED")) heard.push({ type: "requestfailed", text: failure, url: request.url() });
  });
  return heard;
}

/** axe-core on the page as it stands: WCAG violations (asserted) and best practices (for information). */
async function axe(page) {
  const present = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!present) await page.evaluate(axeSource);
  // one run at a time: axe refuses a second while the first is running
  const run = (tags) =>
    page.evaluate(
      (values) => window.axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] }),
      tags,
    );
  const found = [await run(WCAG), await run(["best-practice"])];
  const brief = (violations) =>
    violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      tags: v.tags.filter((t) => t.startsWith("wcag")),
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.join(" "),
        html: n.html.slice(0, 300),
        summary: n.failureSummary,
      })),
      count: v.nodes.length,
    }));
  return { violations: brief(found[0].violations), bestPractice: brief(found[1].violations) };
}

/** Check the page as it stands, under `key` (`<role>-<page>`): axe, screenshot, title, main heading, console. */
async function check(session, key, response) {
  const { page, heard } = session;
  const shot = path.join(outdir, `${key}.png`);
  const found = await axe(page);
  await page.screenshot({ path: shot, fullPage: true });
  const facts = await page.evaluate(() => ({
    title: document.title,
    h1: document.querySelector("h1")?.textContent.trim() ?? "",
    lang: document.documentElement.lang,
    path: location.pathname + location.search,
  }));
  result.pages[key] = {
    ...facts,
    status: response ? response.status() : null,
    ...found,
    console: heard.splice(0),
    screenshot: shot,
  };
  return result.pages[key];
}

/** Go to an address of the workbench and check the page there. */
async function visit(session, key, address) {
  const response = await session.page.goto(base + address, { waitUntil: "load" });
  return check(session, key, response);
}

/** Submit a form by its button: the navigation's response (a redirect followed) once the next page has loaded. */
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(selector)]);
  return response;
}

const text = (page, selector) =>
  page.evaluate(
    (s) => [...document.querySelectorAll(s)].map((e) => e.textContent.replace(/\s+/g, " ").trim()),
    selector,
  );

const browser = await launch(executablePath);
const sessions = {};
try {
  // The login page itself, before anyone logs in, and a failed login's message.
  await step("anonymous", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const session = { page, heard: listen(page) };
    const guarded = await page.goto(base + caseUrl, { waitUntil: "load" });
    result.flows.anonymous = { redirectedTo: new URL(page.url()).pathname, status: guarded.status() };
    await check(session, "anonymous-login", guarded);
    await page.type("#name", "nobody-at-all");
    await page.type("#password", "not the password at all");
    const refused = await submit(page, "form[action='/login'] button[type=submit]");
    result.flows.anonymous.failedLogin = {
      status: refused.status(),
      alert: await text(page, "[role=alert]"),
      describedBy: await page.$eval("#name", (e) => e.getAttribute("aria-describedby")),
    };
    await check(session, "anonymous-login-failed", refused);
    await context.close();
  });

  // Each role logs in (a browser context of its own: its own cookies) and visits its pages.
  result.flows.login = {};
  for (const role of ROLES) {
    await step(`login ${role}`, async () => {
      const user = config.users[role];
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const session = { context, page, heard: listen(page), role };
      await page.goto(`${base}/login`, { waitUntil: "load" });
      await page.type("#name", user.name);
      await page.type("#password", user.password);
      const buttonText = await page.$eval("form[action='/login'] button[type=submit]", (b) => b.textContent.trim());
      const response = await submit(page, "form[action='/login'] button[type=submit]");
      const header = (await text(page, "header .logout .who"))[0] ?? "";
      result.flows.login[role] = {
        button: buttonText,
        status: response.status(),
        landedOn: new URL(page.url()).pathname,
        header,
        loggedIn: header.startsWith(user.name),
      };
      sessions[role] = session;
    });
  }

  const pagesOf = {
    administrator: [
      ["cases", "/"],
      ["case", caseUrl],
      ["edit-review", `${caseUrl}/edit/review`],
      ["documents", `${caseUrl}/documents`],
      ["timetable", `${caseUrl}/timetable`],
      ["returns", `${caseUrl}/returns`],
      ["approvals", `${caseUrl}/approvals`],
      ["audit", "/audit"],
      ["people", "/people"],
      ["account", "/account"],
    ],
    chair: [
      ["cases", "/"],
      ["case", caseUrl],
      ["documents", `${caseUrl}/documents`],
      ["timetable", `${caseUrl}/timetable`],
      ["approvals", `${caseUrl}/approvals`],
      ["edit-decision", `${caseUrl}/edit/decision`],
    ],
    author: [
      ["cases", "/"],
      ["case", caseUrl],
      ["documents", `${caseUrl}/documents`],
      ["timetable", `${caseUrl}/timetable`],
    ],
    "agency-author": [
      ["cases", "/"],
      ["case", caseUrl],
      ["documents", `${caseUrl}/documents`],
      ["returns", `${caseUrl}/returns`],
      [`edit-imrs.${agency}`, `${caseUrl}/edit/imrs.${agency}`],
    ],
  };
  // What each role may not see: the refusal page (403) is a page of the workbench too.
  const refusedOf = {
    chair: [["refused-people", "/people"]],
    author: [
      ["refused-audit", "/audit"],
      ["refused-returns", `${caseUrl}/returns`],
    ],
    "agency-author": [
      ["refused-timetable", `${caseUrl}/timetable`],
      ["refused-edit-review", `${caseUrl}/edit/review`],
    ],
  };
  result.flows.caseLinks = {};
  result.flows.refused = {};
  for (const role of ROLES) {
    const session = sessions[role];
    if (!session) continue;
    await step(`pages ${role}`, async () => {
      const pages = [...pagesOf[role]];
      // The parts the case page offers this role to edit (the author's are the reports: overview, ...).
      await session.page.goto(base + caseUrl, { waitUntil: "load" });
      const links = await session.page.$$eval(".parts a", (as) => as.map((a) => new URL(a.href).pathname));
      result.flows.caseLinks[role] = links;
      // the author's reports (as the case page offers them); every part, for the administrator, when asked
      if (role === "author" || (role === "administrator" && config.everyPart)) {
        for (const link of links) {
          const name = `edit-${link.split("/edit/")[1]}`;
          if (!pages.some(([known]) => known === name)) pages.push([name, link]);
        }
      }
      for (const [name, address] of pages) {
        await step(`page ${role}-${name}`, () => visit(session, `${role}-${name}`, address));
      }
      for (const [name, address] of refusedOf[role] ?? []) {
        await step(`page ${role}-${name}`, async () => {
          const found = await visit(session, `${role}-${name}`, address);
          result.flows.refused[`${role} ${address}`] = found.status;
        });
      }
    });
  }

  // Every part the administrator may edit, opened and saved at once, unchanged: nothing refused (the form sends
  // back what it shows), and nothing changed.
  if (config.everyPart) {
    await step("unchanged", async () => {
      const page = sessions.administrator.page;
      const unchanged = (result.flows.unchanged = {});
      for (const link of result.flows.caseLinks.administrator ?? []) {
        await page.goto(base + link, { waitUntil: "load" });
        const response = await submit(page, "button[name=action][value=save]");
        unchanged[link.split("/edit/")[1]] = {
          status: response.status(),
          path: new URL(page.url()).pathname + new URL(page.url()).search,
          statusMessages: await text(page, "main [role=status]"),
          alerts: await text(page, "main [role=alert]"),
        };
      }
      sessions.administrator.heard.splice(0); // the refusals' statuses: the flow's result says them
    });
  }

  // The administrator's case editor: a bad date refused (an error summary, the field marked invalid); the date put
  // right on that page and saved again; then, in the editor opened afresh, a text changed and saved.
  const admin = sessions.administrator;
  await step("editor", async () => {
    const page = admin.page;
    const editor = (result.flows.editor = {});
    const save = "button[name=action][value=save]";
    const venueField = "[id='f-authors_briefing.venue']";
    const outcome = async (response) => ({
      status: response.status(),
      path: new URL(page.url()).pathname + new URL(page.url()).search,
      statusMessages: await text(page, "main [role=status]"),
      alerts: await text(page, "main [role=alert]"),
      periodEnd: await page.$eval("#f-period_end", (e) => e.value),
      venue: await page.$eval(venueField, (e) => e.value),
    });
    await page.goto(`${base}${caseUrl}/edit/review`, { waitUntil: "load" });
    const original = await page.$eval("#f-period_end", (e) => e.value);
    editor.original = original;
    editor.saveButton = await page.$eval(save, (b) => b.textContent.trim());
    // A date input refuses typed text: send it as text, as a browser without a date picker would.
    editor.dateInputRefusesText = await page.$eval("#f-period_end", (e) => {
      const before = e.value;
      e.value = "not a date";
      const refused = e.value === "";
      e.value = before;
      return refused;
    });
    await page.$eval("#f-period_end", (e) => {
      e.type = "text";
      e.value = "not a date";
    });
    const refused = await submit(page, save);
    editor.refused = {
      ...(await outcome(refused)),
      summary: await text(page, ".error-summary[role=alert]"),
      summaryLinks: await page.$$eval(".error-summary a", (as) => as.map((a) => a.getAttribute("href"))),
      ariaInvalid: await page.$eval("#f-period_end", (e) => e.getAttribute("aria-invalid")),
      describedBy: await page.$eval("#f-period_end", (e) => {
        const ids = (e.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
        return ids.map((id) => document.getElementById(id)?.textContent.trim() ?? `(no element #${id})`);
      }),
      valueShownAgain: await page.$eval("#f-period_end", (e) => e.getAttribute("value")),
    };
    await check(admin, "administrator-edit-review-refused", refused);
    // Put the date right on the page that refused it, and save again.
    await page.$eval(
      "#f-period_end",
      (e, value) => {
        e.type = "date";
        e.value = value;
        e.dispatchEvent(new Event("change", { bubbles: true }));
      },
      original,
    );
    const corrected = await submit(page, save);
    editor.corrected = await outcome(corrected);
    await check(admin, "administrator-edit-review-corrected", corrected);
    // The editor opened afresh: the venue of the authors' briefing changed (typed), saved.
    await page.goto(`${base}${caseUrl}/edit/review`, { waitUntil: "load" });
    const venue = await page.$eval(venueField, (e) => e.value);
    editor.venue = `${venue} (browser test)`;
    await page.click(venueField);
    await page.keyboard.press("End");
    await page.keyboard.type(" (browser test)");
    const saved = await submit(page, save);
    editor.saved = await outcome(saved);
    await check(admin, "administrator-edit-review-saved", saved);
  });

  // The chair's editor of the decision: a Markdown text lengthened, previewed as the documents will print it, saved.
  await step("decision", async () => {
    const chair = sessions.chair;
    const page = chair.page;
    const decision = (result.flows.decision = {});
    const field = "[id='f-issues']";
    await page.goto(`${base}${caseUrl}/edit/decision`, { waitUntil: "load" });
    decision.added = "- Whether the review's learning reached the practitioners (added by the browser test).";
    await page.click(field);
    await page.keyboard.down("Control");
    await page.keyboard.press("End");
    await page.keyboard.up("Control");
    await page.keyboard.type(`\n${decision.added}`);
    decision.previewButton = await page.$eval("button[name=action][value=preview]", (b) => b.textContent.trim());
    const previewed = await submit(page, "button[name=action][value=preview]");
    decision.preview = {
      status: previewed.status(),
      sections: await page.$$eval("section.preview", (ss) =>
        ss.map((s) => ({ label: s.getAttribute("aria-label"), items: s.querySelectorAll("li").length })),
      ),
      shown: (await text(page, "section.preview")).some((t) => t.includes("reached the practitioners")),
      kept: (await page.$eval(field, (e) => e.value)).includes(decision.added),
    };
    await check(chair, "chair-edit-decision-preview", previewed);
    const saved = await submit(page, "button[name=action][value=save]");
    decision.saved = {
      status: saved.status(),
      path: new URL(page.url()).pathname + new URL(page.url()).search,
      statusMessages: await text(page, "main [role=status]"),
      alerts: await text(page, "main [role=alert]"),
      kept: (await page.$eval(field, (e) => e.value)).includes(decision.added),
    };
    await check(chair, "chair-edit-decision-saved", saved);
  });

  // The agency author sends a file that is not a workbook (refused), then the filled workbook; the administrator
  // accepts it into the case.
  const agent = sessions["agency-author"];
  await step("upload", async () => {
    const page = agent.page;
    const upload = (result.flows.upload = {});
    const send = async (file) => {
      await page.goto(`${base}${caseUrl}/returns`, { waitUntil: "load" });
      const input = await page.$(`#workbook-${agency}`);
      await input.uploadFile(file);
      const button = `form[action='${caseUrl}/returns/${agency}'] button[type=submit]`;
      const label = await page.$eval(button, (b) => b.textContent.replace(/\s+/g, " ").trim());
      const response = await submit(page, button);
      const found = {
        button: label,
        status: response.status(),
        path: new URL(page.url()).pathname + new URL(page.url()).hash,
        section: (await text(page, `#agency-${agency}`))[0] ?? "",
        alerts: await text(page, `#agency-${agency} [role=alert]`),
        done: await text(page, `#agency-${agency} .done`),
        acceptOffered: (await page.$(`form[action='${caseUrl}/returns/${agency}/accept']`)) !== null,
        sections: await page.$$eval("section.return", (s) => s.map((e) => e.id)),
      };
      return [found, response];
    };
    if (config.notWorkbook) {
      const [found, response] = await send(config.notWorkbook);
      upload.refused = found;
      await check(agent, "agency-author-returns-refused", response);
    }
    const [found, response] = await send(config.workbook);
    upload.sent = found;
    await check(agent, "agency-author-returns-sent", response);
  });

  await step("accept", async () => {
    const page = admin.page;
    const accept = (result.flows.accept = {});
    await page.goto(`${base}${caseUrl}/returns`, { waitUntil: "load" });
    accept.before = await text(page, `#agency-${agency} .done`);
    const button = `form[action='${caseUrl}/returns/${agency}/accept'] button[type=submit]`;
    accept.button = await page.$eval(button, (b) => b.textContent.replace(/\s+/g, " ").trim());
    const response = await submit(page, button);
    accept.status = response.status();
    accept.done = await text(page, `#agency-${agency} .done`);
    accept.alerts = await text(page, `#agency-${agency} [role=alert]`);
    await check(admin, "administrator-returns-accepted", response);
  });

  // The chair records an approval: each report not yet approved is tried in turn until one is approved (a report
  // that is not ready is refused with a message saying why); each attempt's message is recorded.
  await step("approval", async () => {
    const page = sessions.chair.page;
    const approval = (result.flows.approval = { attempts: [] });
    const table = () =>
      page.$$eval("tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    await page.goto(`${base}${caseUrl}/approvals`, { waitUntil: "load" });
    const open = (await table()).filter((r) => r[2] === "Not yet").map((r) => r[0]);
    approval.open = open;
    approval.by = "the Serious Case Review Panel meeting of 1 December 2026";
    const button = "form[action$='/approvals'] button[type=submit]";
    approval.button = await page.$eval(button, (b) => b.textContent.trim());
    for (const report of open) {
      await page.goto(`${base}${caseUrl}/approvals`, { waitUntil: "load" });
      await page.select("#report", report);
      await page.type("#by", approval.by);
      const on = await page.$eval("#on", (e) => e.value);
      const response = await submit(page, button);
      const attempt = {
        report,
        on,
        status: response.status(),
        statusMessages: await text(page, "main [role=status]"),
        alerts: await text(page, "main [role=alert]"),
        describedBy: await page.$eval("#report", (e) => e.getAttribute("aria-describedby")),
        row: (await table()).find((r) => r[0] === report),
      };
      attempt.outcome = attempt.statusMessages.length ? "status" : attempt.alerts.length ? "alert" : "none";
      approval.attempts.push(attempt);
      const first = approval.attempts.length === 1;
      if (attempt.outcome === "alert" && first) await check(sessions.chair, "chair-approvals-refused", response);
      if (attempt.outcome !== "alert") {
        await check(sessions.chair, "chair-approvals-recorded", response);
        break;
      }
    }
    approval.approved = approval.attempts.find((a) => a.outcome === "status")?.report ?? null;
  });

  // The administrator renders the pack: the progress bar, the page reloading itself when done, the download link,
  // the zip fetched in the page (its cookies), a document's preview.
  await step("render", async () => {
    const page = admin.page;
    const render = (result.flows.render = { progressSeen: false, reloadsBySelf: 0, reloadsByTest: 0 });
    await page.goto(`${base}${caseUrl}/documents`, { waitUntil: "load" });
    render.button = await page.$eval("form[action$='/documents/render'] button", (b) => b.textContent.trim());
    let navigations = 0;
    const counting = (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    };
    const response = await submit(page, "form[action$='/documents/render'] button");
    render.status = response.status();
    const started = await page.evaluate(() => ({
      progress: document.querySelector("progress") !== null,
      status: [...document.querySelectorAll("[role=status]")].map((e) => e.textContent.trim()),
      script: [...document.scripts].map((s) => s.getAttribute("src")),
    }));
    render.started = started;
    if (started.progress) {
      render.progressSeen = true;
      await check(admin, "administrator-documents-rendering", response);
    }
    page.on("framenavigated", counting);
    const deadline = Date.now() + renderTimeout;
    let state = {};
    let lastReload = Date.now();
    while (Date.now() < deadline) {
      await sleep(2000);
      try {
        state = await page.evaluate(() => ({
          link: document.querySelector("a[href$='/pack.zip']")?.textContent.trim() ?? "",
          progress: document.querySelector("progress") !== null,
          failed: [...document.querySelectorAll("[role=alert]")].map((e) => e.textContent.trim()),
        }));
      } catch {
        continue; // the page is reloading itself
      }
      render.progressSeen ||= state.progress;
      if (state.link || state.failed.length) break;
      if (!state.progress && Date.now() - lastReload > 10_000) {
        // no progress bar and no link: the render finished between two looks, or the script did not run
        await page.reload({ waitUntil: "load" });
        render.reloadsByTest += 1;
        lastReload = Date.now();
      }
    }
    page.off("framenavigated", counting);
    render.reloadsBySelf = navigations - render.reloadsByTest;
    render.seconds = Math.round((Date.now() - (deadline - renderTimeout)) / 1000);
    render.link = state.link ?? "";
    render.failed = state.failed ?? [];
    render.timedOut = !state.link && !(state.failed ?? []).length;
    const done = await check(admin, "administrator-documents-rendered", await page.reload({ waitUntil: "load" }));
    render.consoleWhileRendering = done.console;
    render.zip = await page.evaluate(async (address) => {
      const answer = await fetch(address, { credentials: "same-origin" });
      const bytes = new Uint8Array(await answer.arrayBuffer());
      return {
        status: answer.status,
        type: answer.headers.get("content-type"),
        disposition: answer.headers.get("content-disposition"),
        size: bytes.length,
        head: String.fromCharCode(...bytes.slice(0, 4)),
      };
    }, `${caseUrl}/pack.zip`);
    render.rows = await page.$$eval("table.documents tbody tr", (trs) =>
      trs.map((tr) => ({
        title: tr.cells[0].textContent.trim(),
        files: [...tr.cells[3].querySelectorAll("a")].map((a) => ({
          name: a.textContent.replace(/\s+/g, " ").trim(),
          href: a.getAttribute("href"),
        })),
      })),
    );
    // A PDF and a Word file of the first row that has them, fetched as a person's download would be.
    render.files = await page.evaluate(async () => {
      const found = {};
      for (const a of document.querySelectorAll("table.documents a[href*='/files/']")) {
        const format = a.firstChild.textContent.trim();
        if (found[format]) continue;
        const answer = await fetch(a.href, { credentials: "same-origin" });
        const bytes = new Uint8Array(await answer.arrayBuffer());
        found[format] = { status: answer.status, size: bytes.length, head: String.fromCharCode(...bytes.slice(0, 4)) };
      }
      return found;
    });
    const preview = await page
      .$eval("table.documents a[href*='show=']", (a) => a.getAttribute("href"))
      .catch(() => null);
    render.previewLink = preview;
    if (preview) {
      const shown = await page.goto(base + preview, { waitUntil: "load" });
      const frame = await page.$("iframe");
      render.preview = {
        status: shown.status(),
        iframeTitle: frame ? await frame.evaluate((f) => f.title) : null,
        iframeSrc: frame ? await frame.evaluate((f) => f.getAttribute("src")) : null,
      };
      const framed = page.frames().find((f) => f !== page.mainFrame());
      render.preview.frameHeading = framed
        ? await framed
            .evaluate(() => document.querySelector("h1")?.textContent.trim() ?? "")
            .catch((e) => `(${e.message})`)
        : null;
      await check(admin, "administrator-documents-preview", shown);
    }
  });

  // The timetable's calendar file, fetched in the administrator's page.
  await step("calendar", async () => {
    await admin.page.goto(`${base}${caseUrl}/timetable`, { waitUntil: "load" });
    result.flows.calendar = await admin.page.evaluate(async () => {
      const link = document.querySelector("a[href$='.ics']");
      const answer = await fetch(link.href, { credentials: "same-origin" });
      const body = await answer.text();
      return {
        link: link.textContent.trim(),
        status: answer.status,
        type: answer.headers.get("content-type"),
        head: body.slice(0, 15),
        events: (body.match(/BEGIN:VEVENT/g) ?? []).length,
      };
    });
  });

  // The audit log now holds what was done.
  await step("audit", async () => {
    await visit(admin, "administrator-audit-after", "/audit");
    result.flows.audit = await admin.page.$$eval("table.audit tbody tr", (trs) =>
      trs.map((tr) => [...tr.cells].slice(1, 4).map((c) => c.textContent.trim()).join(" | ")),
    );
  });

  // Each role logs out: back to the login page, and a case page asks to log in again.
  result.flows.logout = {};
  for (const role of ROLES) {
    const session = sessions[role];
    if (!session) continue;
    await step(`logout ${role}`, async () => {
      const page = session.page;
      await page.goto(`${base}/`, { waitUntil: "load" });
      const button = await page.$eval("form.logout button", (b) => b.textContent.trim());
      await submit(page, "form.logout button");
      const after = new URL(page.url()).pathname;
      await page.goto(base + caseUrl, { waitUntil: "load" });
      result.flows.logout[role] = { button, landedOn: after, caseAfterwards: new URL(page.url()).pathname };
      await session.context.close();
    });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result, null, 2));
