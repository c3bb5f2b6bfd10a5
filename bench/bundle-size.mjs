// Prints the gzip size of what a chat-only visitor downloads: the script-tag entry and every
// chunk it imports statically (lazy chunks, like calling, are listed apart). Fails when the
// budget is exceeded or when SIP code is in the chat-only download. Run after `npm run build`.
//   node bench/bundle-size.mjs [--budget-kb 30]
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = 'dist-cdn';
const budgetFlag = process.argv.indexOf('--budget-kb');
const budgetKb = budgetFlag > 0 ? Number(process.argv[budgetFlag + 1]) : 30;
const callingBudgetKb = 60;
const manifestPath = join(dir, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`${manifestPath} is missing: run \`npm run build\` first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Every chunk an entry loads before it runs (its static import closure). */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of manifest[file].imports) visit(next);
  };
  visit(entry);
  return [...seen];
}

let failed = false;
for (const entry of ['omni-widget.js', 'omni-agent.js']) {
  if (!manifest[entry]) continue;
  const files = staticClosure(entry);
  const total = files.reduce((sum, file) => sum + gz(file), 0);
  const lazy = new Set(files.flatMap((file) => manifest[file].dynamicImports).filter((file) => !files.includes(file)));
  const sipModules = files.flatMap((file) => manifest[file].modules).filter((id) => /sip\.js|src\/calling\//.test(id));
  console.log(`${entry}: ${kb(total)} KB gz in ${files.length} file(s) loaded up front`);
  for (const file of files) console.log(`  ${file.padEnd(40)} ${kb(gz(file)).padStart(7)} KB gz`);
  for (const file of lazy) console.log(`  lazy ${file.padEnd(35)} ${kb(gz(file)).padStart(7)} KB gz`);
  if (entry === 'omni-widget.js') {
    console.log(`chat-only download: ${kb(total)} KB gz (budget ${budgetKb} KB)`);
    if (total > budgetKb * 1024) { console.error(`over budget by ${kb(total - budgetKb * 1024)} KB`); failed = true; }
    if (sipModules.length) { console.error(`SIP/calling code in the chat-only download: ${sipModules.join(', ')}`); failed = true; }
    const calling = [...lazy].filter((file) => manifest[file].modules.some((id) => /src\/calling\//.test(id)));
    const callingSize = calling.reduce((sum, file) => sum + gz(file), 0);
    if (calling.length) {
      console.log(`lazy calling chunk (sip.js included): ${kb(callingSize)} KB gz (budget ${callingBudgetKb} KB)`);
      if (callingSize > callingBudgetKb * 1024) { console.error(`calling chunk over budget by ${kb(callingSize - callingBudgetKb * 1024)} KB`); failed = true; }
    }
  }
}
process.exit(failed ? 1 : 0);
