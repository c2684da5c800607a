// Runs the bundled CLI entry directly (bin.js would fall back to dist/main.js when a newer build exists).
const { main } = await import(new URL('../packages/cli/dist/govern.bundle.mjs', import.meta.url).href);
process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
});
