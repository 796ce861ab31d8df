// Parses each file given with Mermaid's own parser, as a page rendering it would.
// Exits 1 at the first file that does not parse, naming it with the parser's message.
//
// With --dump, prints each diagram's nodes and links as JSON lines, their text decoded
// as a renderer shows it (entity codes as characters, <br> as a newline), so a test can
// check that every label survived exactly.
//
// Usage: node check.mjs [--dump] FILE...
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// Mermaid sanitises labels with DOMPurify, which needs a DOM even only to parse.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const args = process.argv.slice(2);
const dump = args[0] === '--dump';
const files = dump ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node check.mjs [--dump] FILE...');
  process.exit(2);
}

// Mermaid keeps entity codes as placeholders until it renders: "#quot;" is held as
// "ﬂ°quot¶ß" and "#35;" as "ﬂ°°35¶ß".
const named = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', apos: "'" };
function decode(text) {
  return String(text ?? '')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name) => named[name] ?? whole)
    .replace(/<br\s*\/?>/gi, '\n');
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
  } catch (e) {
    console.error(`${file}: ${e.message ?? e}`);
    process.exit(1);
  }
  if (dump) {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const nodes = [...diagram.db.getVertices().values()].map((v) => ({
      id: v.id,
      text: decode(v.text),
      shape: v.type,
    }));
    const links = diagram.db.getEdges().map((e) => ({
      from: e.start,
      to: e.end,
      text: decode(e.text),
    }));
    console.log(JSON.stringify({ file, nodes, links }));
  }
}
