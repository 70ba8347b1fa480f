// The event contract, read by the official AsyncAPI parser (@asyncapi/parser, pinned in package.json), the way
// integrators' tools read it. Fails (exit 1) on any error, and on any warning or information the document does not
// explain in its own `x-izone-diagnostics: [{code, path, why}]`; also on an explanation that matches nothing any more,
// so that explanations do not outlive their reason. Hints are printed only. Offline: $refs are local files.
//   node check.mjs ../../docs/events/asyncapi.yaml      (run by registry-service's verify phase, see its pom.xml)
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'information', 'hint'];
const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs <asyncapi.yaml>');
  process.exit(2);
}

const { document, diagnostics } = await fromFile(new Parser(), file).parse();
const where = (d) => (d.path.length ? d.path.join('.') : '(root)');
const explained = (document?.json()['x-izone-diagnostics'] ?? []);
const used = new Set();
const failures = [];

for (const d of diagnostics) {
  const line = `${SEVERITY[d.severity]} ${d.code} at ${where(d)}: ${d.message}`;
  if (d.severity === 0) {
    failures.push(line);
  } else if (d.severity <= 2) {
    const i = explained.findIndex((e) => e.code === d.code && e.path === where(d));
    if (i < 0) {
      failures.push(`${line} (not explained in x-izone-diagnostics)`);
    } else {
      used.add(i);
      console.log(`${line} (explained: ${explained[i].why})`);
    }
  } else {
    console.log(line);
  }
}
explained.forEach((e, i) => {
  if (!used.has(i)) {
    failures.push(`x-izone-diagnostics explains ${e.code} at ${e.path}, which the parser no longer reports: remove it`);
  }
});

if (!document && failures.length === 0) {
  failures.push('the parser returned no document');
}
if (failures.length > 0) {
  console.error(`${file}: ${failures.length} problem(s):`);
  failures.forEach((f) => console.error(`  ${f}`));
  process.exit(1);
}
console.log(`${file}: AsyncAPI ${document.version()}, ${document.channels().length} channels, `
  + `${document.operations().length} operations, ${document.messages().length} messages; no error, every warning explained`);
