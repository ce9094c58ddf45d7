// Parses Mermaid diagrams with Mermaid's own parser (mermaid.parse), headless: jsdom stands in for the browser
// globals Mermaid's sanitizer needs at import time. Reads a JSON array of diagram texts on standard input and writes a
// JSON array of {"ok": true, "type": "..."} or {"ok": false, "error": "..."}, one per diagram, in order.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const diagrams = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const text of diagrams) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
