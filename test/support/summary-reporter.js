// Prints one plain closing line that any CI can read: "jest: N passed, N failed, N skipped".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`;
    process.stdout.write(`\n${line}\n`);
    // scripts/test.sh repeats it as the run's closing line, after the contract test.
    if (process.env.TAKTFLOW_TEST_SUMMARY) require('node:fs').writeFileSync(process.env.TAKTFLOW_TEST_SUMMARY, `${line}\n`);
  }
}
module.exports = SummaryReporter;
