#!/usr/bin/env node
/**
 * Writes templates/runtime/schema-builders.ts, the helper module generated `schemas.ts` files
 * import, from the helper sources in src/emit/zod-runtime.ts (built into dist/ first:
 * `npm run build`). Run it after changing a helper; test/emit/schema-builders.test.ts fails
 * until the committed module is current.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { renderBuildersModule } = await import(pathToFileURL(path.join(root, "dist/emit/zod-runtime.js")).href);
const target = path.join(root, "templates/runtime/schema-builders.ts");
const text = renderBuildersModule();
if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) {
  console.log(`${path.relative(root, target)} is current`);
} else {
  fs.writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)}`);
}
