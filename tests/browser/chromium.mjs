// Debian's Chromium, headless, as every browser test starts it: no sandbox (containers), no GPU, nothing fetched
// in the background.
import puppeteer from "puppeteer-core";

export const launch = (executablePath) =>
  puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
