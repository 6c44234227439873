// The web build in a real browser: serves dist/web on localhost (build it first with
// tools/web-build.sh; this test builds nothing) and drives Debian's Chromium headless
// with playwright-core. Run: cd tests/browser && npm ci && npm test
//
// The map is a WebGL canvas, so the test reads what the atlas shows from the page's
// title and URL hash (which follow the state: see src/state/link.rs), and finds places
// on the map with one read-only hook, window.atlasScreenPos(lon, lat) (src/platform/web.rs).
// Screenshots go to target/browser-shots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const DIST = join(ROOT, "dist/web");
const SHOTS = join(ROOT, "target/browser-shots");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** The budget of the issue: the first map within 3 s of the page's start. */
const FIRST_MAP_MS = Number(process.env.FIRST_MAP_MS ?? 3000);
/** Yanjing (Beijing), in degrees. */
const YANJING = [116.35, 39.88];
/** The month slider is the bottom row of the window: its middle is this far above the
 * window's bottom edge (src/ui/timeline_bar.rs: 46 points high, under 4 points of space
 * and the panel's margin). */
const SLIDER_FROM_BOTTOM = 38;

const powers = JSON.parse(readFileSync(join(ROOT, "assets/powers.json"), "utf8"));

let server;
let browser;
let profile;
const problems = [];

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), "no dist/web: run tools/web-build.sh first");
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(DIST);
  profile = mkdtempSync(join(tmpdir(), "atlas-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1920, height: 1080 },
  });
  // Nothing but the local server: any other request is refused and counted.
  await browser.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") {
      return route.continue();
    }
    problems.push(`request to ${url.href}`);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A new page of the given size at `hash`, once the atlas says its map is drawn. */
async function open(hash = "", size = { width: 1920, height: 1080 }) {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  await page.goto(server.url + hash);
  await page.waitForFunction(() => window.__atlas_first_frame_ms !== undefined, null, {
    timeout: 30_000,
  });
  return page;
}

/** The page's URL hash as an object: { date, region, place, tour, stop }. */
async function state(page) {
  const hash = await page.evaluate(() => location.hash);
  return Object.fromEntries(new URLSearchParams(hash.replace(/^#/, "")));
}

/** Waits until the hash says `key` is `value` (the hash is rewritten at most 4× a second). */
async function until(page, key, value) {
  await page.waitForFunction(
    ([k, v]) => new URLSearchParams(location.hash.slice(1)).get(k) === v,
    [key, value],
    { timeout: 5_000 },
  ).catch(async () => {
    assert.fail(`expected ${key}=${value} in the hash, got #${JSON.stringify(await state(page))}`);
  });
}

/** How many pixels of a screenshot lie within `tol` of each power's colour. */
async function colourCounts(page, png, tol = 6) {
  const colours = powers.map((p) => [p.id, p.color]);
  return page.evaluate(
    async ([b64, colours, tol]) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext("2d");
      g.drawImage(bmp, 0, 0);
      const px = g.getImageData(0, 0, bmp.width, bmp.height).data;
      const rgb = colours.map(([id, hex]) => [
        id,
        parseInt(hex.slice(1, 3), 16),
        parseInt(hex.slice(3, 5), 16),
        parseInt(hex.slice(5, 7), 16),
      ]);
      const counts = Object.fromEntries(rgb.map(([id]) => [id, 0]));
      for (let i = 0; i < px.length; i += 4) {
        for (const [id, r, g2, b] of rgb) {
          if (
            Math.abs(px[i] - r) <= tol &&
            Math.abs(px[i + 1] - g2) <= tol &&
            Math.abs(px[i + 2] - b) <= tol
          ) {
            counts[id] += 1;
          }
        }
      }
      return counts;
    },
    [png.toString("base64"), colours, tol],
  );
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  const name = `${size.width}x${size.height}`;
  test(`the map is drawn at ${name} within the budget, in the powers' colours`, async () => {
    const page = await open("#date=1123-06", size);
    const ms = await page.evaluate(() => window.__atlas_first_frame_ms);
    console.log(`first map at ${name}: ${Math.round(ms)} ms after the page started`);
    assert.ok(ms < FIRST_MAP_MS, `first map after ${ms} ms, budget ${FIRST_MAP_MS} ms`);
    assert.match(await page.title(), /^June 1123 — alliance-atlas$/);
    const png = await page.screenshot({ path: join(SHOTS, `map-${name}.png`) });
    const counts = await colourCounts(page, png);
    // A power is on the map when its colour covers more than a legend swatch would.
    const seen = Object.entries(counts).filter(([, n]) => n > 2000).map(([id]) => id);
    console.log(`powers seen at ${name}: ${seen.join(", ")}`);
    assert.ok(seen.length >= 5, `only ${seen.length} powers' colours: ${JSON.stringify(counts)}`);
    await page.close();
  });
}

test("dragging the slider and pressing → change the date", async () => {
  const page = await open("#date=1110-01");
  const { width, height } = page.viewportSize();
  const y = height - SLIDER_FROM_BOTTOM;
  await page.mouse.move(width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(width * 0.6, y, { steps: 8 });
  await page.mouse.move(width * 0.85, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(400);
  const dragged = (await state(page)).date;
  assert.ok(dragged > "1110-01", `the slider moved the date to ${dragged}`);
  assert.ok(dragged >= "1100" && dragged <= "1142-12", dragged);
  const [y0, m0] = dragged.split("-").map(Number);
  const next = m0 === 12 ? `${y0 + 1}-01` : `${y0}-${String(m0 + 1).padStart(2, "0")}`;
  await page.keyboard.press("ArrowRight");
  await until(page, "date", next);
  const title = await page.title();
  assert.ok(title.endsWith(`${y0 + (m0 === 12 ? 1 : 0)} — alliance-atlas`), title);
  await page.close();
});

test("clicking Yanjing in 1123 opens its details", async () => {
  const page = await open("#date=1123-06");
  const [x, y] = await page.evaluate(([lon, lat]) => window.atlasScreenPos(lon, lat), YANJING);
  assert.ok(x > 0 && y > 0, `Yanjing on screen at ${x},${y}`);
  // A click on the city's marker opens the city's card (its names, roles and holders).
  await page.mouse.click(x, y);
  await until(page, "place", "yanjing");
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, "yanjing-1920x1080.png") });
  assert.equal((await state(page)).date, "1123-06");
  await page.close();
});

test("a deep link opens at its date, and a new hash moves the open page", async () => {
  const page = await open("#date=1126-02&region=kaifeng&utm_source=mail");
  assert.match(await page.title(), /^February 1126 — /);
  assert.deepEqual(await state(page), { date: "1126-02", region: "kaifeng" });
  await page.evaluate(() => {
    location.hash = "#date=1100-03";
  });
  await until(page, "date", "1100-03");
  assert.match(await page.title(), /^March 1100 — /);
  assert.equal((await state(page)).region, undefined);
  // A city's card is part of the moment too.
  await page.evaluate(() => {
    location.hash = "#date=1126-02&place=kaifeng";
  });
  await until(page, "place", "kaifeng");
  await page.close();
});

test("the clicker keys step the tour", async () => {
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    const page = await open("#tour=alliance&stop=1", size);
    assert.equal((await state(page)).stop, "1");
    await page.keyboard.press("PageDown");
    await until(page, "stop", "2");
    await page.keyboard.press("ArrowRight");
    await until(page, "stop", "3");
    await page.keyboard.press("PageUp");
    await until(page, "stop", "2");
    assert.match(await page.title(), / · stop 2 of \d+ — alliance-atlas$/);
    await page.waitForTimeout(1500); // the camera's flight to the stop
    await page.screenshot({ path: join(SHOTS, `tour-${size.width}x${size.height}.png`) });
    await page.close();
  }
});

test("Ctrl+S and Enter download the map as a PNG of the chosen size", async () => {
  const page = await open("#date=1125-02", { width: 1280, height: 720 });
  await page.keyboard.press("Control+s");
  await page.waitForTimeout(500); // the dialog opens with its file name focused
  await page.screenshot({ path: join(SHOTS, "export-1280x720.png") });
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 30_000 }),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(download.suggestedFilename(), "alliance-atlas-1125-02.png");
  const bytes = readFileSync(await download.path());
  // A PNG whose header says 1920×1080, the dialog's first size (Slide).
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG");
  assert.equal(bytes.readUInt32BE(16), 1920);
  assert.equal(bytes.readUInt32BE(20), 1080);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, "exported-1280x720.png") });
  await page.close();
});

test("no page errors and no request beyond localhost", () => {
  assert.deepEqual(problems, []);
});
