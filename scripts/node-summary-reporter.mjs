// A node:test reporter that writes the counts of passed, failed and skipped tests as JSON
// (suites are not counted; a file that fails to load counts as a failure).
export default async function* summary(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite' && event.type === 'test:pass') continue;
    if (event.data.skip || event.data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else if (event.data.details?.type !== 'suite' || event.data.details?.error?.failureType !== 'subtestsFailed') counts.failed++;
  }
  yield JSON.stringify(counts);
}
