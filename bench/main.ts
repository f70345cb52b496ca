// `npm run bench -- <name>` runs bench/<name>/index.ts, which prints one JSON line per case.
const name = process.argv[2];
if (!name || !/^[\w-]+$/.test(name)) {
  process.stderr.write('usage: npm run bench -- <name>   (a folder of bench/, e.g. event-store)\n');
  process.exit(2);
}
const bench = (await import(`./${name}/index.js`)) as { run(): Promise<void> };
await bench.run();
