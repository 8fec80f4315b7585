// Prints one plain line `N passed, N failed, N skipped` after web-test-runner finishes,
// and writes the same counts as JSON to $CHATDROP_SUMMARY_FILE when that is set.
import { writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

/** @returns {import('@web/test-runner').Reporter} */
export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test is a failure too.
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)) {
          counts.failed++;
        }
      }
      const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      if (process.env.CHATDROP_SUMMARY_FILE) writeFileSync(process.env.CHATDROP_SUMMARY_FILE, JSON.stringify(counts));
      console.log(`\nbrowser tests: ${line}`);
    },
  };
}
