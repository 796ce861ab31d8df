// The npm peers of the layout-speed benchmark (benches/layout_speed.sh), timed on the tree
// specs that `cargo run --release --example layout_speed -- DIR` writes and times ours on.
//
//   node speed.mjs DIR                   every peer on every spec in DIR/specs.txt, each in
//                                        a process of its own; prints one JSON line each
//   node speed.mjs one PEER SPEC DEADLINE  one peer on one spec (what DIR mode runs);
//                                        DEADLINE: when to stop starting runs (ms epoch)
//   node speed.mjs table FILE...         the JSON lines of the example and of DIR mode as
//                                        one Markdown table
//
// A result line is { spec, shape, nodes, tool, settings, ms, first_ms, runs, build_ms }
// like the example's (build_ms: building the peer's input once), or with { timeout_s } or
// { failed } or { skipped } in place of the times.
//
// Timing: the layout call alone, in-process; its input (the hierarchy or the graph) is
// built before the clock starts. After a warm-up (see `timed`), up to 5 runs, median; no
// new run is started when it would likely end past the deadline. A peer process still
// running after LIMIT seconds (default 60) is stopped, and that peer is not run on larger
// trees of the same shape, which would only take longer.

import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { hierarchy, tree } from 'd3-hierarchy';
import { flextree } from 'd3-flextree';
import ELK from 'elkjs/lib/elk.bundled.js';
import dagre from '@dagrejs/dagre';

const MAX_RUNS = 5;
const WARM_UP_MS = 1000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function since(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// ms to 0.1 µs: finer is noise.
function round(ms) {
  return Math.round(ms * 1e4) / 1e4;
}

// Runs are timed after 1 s of warm-up (V8 compiles its last tiers only after many calls),
// as ours are; a first run that alone takes that long is timed instead, since warming up
// is then a small part of it. `first_ms` is the first, cold run: what a one-off layout
// costs. d3's layouts leave their hierarchy's shape alone, so it is built once (d3's
// hierarchy() is quadratic on deep trees; `build_ms` reports it); dagre and elkjs write
// into their input, which is built afresh for every run.
async function timed(peer, spec, deadline) {
  const run = peer.run(spec);
  let t = process.hrtime.bigint();
  let input = peer.build(spec);
  const build_ms = round(since(t));
  const once = async () => {
    input ??= peer.build(spec);
    const start = process.hrtime.bigint();
    const result = await run(input);
    const ms = since(start);
    if (!peer.reuse) input = null;
    return [ms, result];
  };
  t = process.hrtime.bigint();
  let [first_ms, result] = await once();
  const runs = first_ms >= WARM_UP_MS ? [round(first_ms)] : [];
  while (runs.length === 0 && since(t) < WARM_UP_MS) result = (await once())[1];
  let longest = first_ms;
  const inTime = () => runs.length === 0 || Date.now() + 1.2 * longest < deadline;
  while (runs.length < MAX_RUNS && inTime()) {
    const [ms, r] = await once();
    [result, longest] = [r, Math.max(longest, ms)];
    runs.push(round(ms));
  }
  peer.check(result);
  return { ms: median(runs), first_ms: round(first_ms), runs, build_ms };
}

function expectFinite(what, points) {
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${what}: a node was not placed`);
  }
}

// The tidy peers get our tidy layout's gaps: `sibling` between siblings, `subtree` between
// other neighbours, and a level step of the tallest box plus `level` (d3's levels are
// evenly spaced; ours take each level's tallest box).
function tidyGap(spec, a, b) {
  return a.parent === b.parent ? spec.spacing.sibling : Math.max(spec.spacing.sibling, spec.spacing.subtree);
}

function largest(spec, key) {
  return spec.nodes.reduce((m, n) => Math.max(m, n[key]), 0);
}

function levelStep(spec) {
  return largest(spec, 'height') + spec.spacing.level;
}

// A hierarchy whose data are node indices; d3 builds it without recursion.
function d3Hierarchy(spec) {
  return hierarchy(spec.root, (v) => spec.nodes[v].children);
}

const PEERS = {
  // What d3's tree() is made for: one box size for every node, here the widest box, with
  // d3's default separation (1 node width between siblings, 2 between cousins).
  'd3-hierarchy': {
    settings: () => 'tree().nodeSize([widest + sibling gap, level step]), default separation',
    build: d3Hierarchy,
    reuse: true,
    run: (spec) => {
      const widest = largest(spec, 'width');
      const layout = tree().nodeSize([widest + spec.spacing.sibling, levelStep(spec)]);
      return (root) => layout(root);
    },
    check: (root) => expectFinite('d3-hierarchy', root.descendants().map((d) => [d.x, d.y])),
  },
  // The same algorithm told each box's width through separation(), as ours is.
  'd3-hierarchy, widths': {
    settings: () => 'tree().nodeSize([1, level step]), separation = half widths + gap',
    build: d3Hierarchy,
    reuse: true,
    run: (spec) => {
      const w = spec.nodes.map((n) => n.width);
      const layout = tree()
        .nodeSize([1, levelStep(spec)])
        .separation((a, b) => (w[a.data] + w[b.data]) / 2 + tidyGap(spec, a, b));
      return (root) => layout(root);
    },
    check: (root) => expectFinite('d3-hierarchy', root.descendants().map((d) => [d.x, d.y])),
  },
  'd3-flextree': {
    settings: () => 'nodeSize = [width, height + level gap], spacing = gap',
    build: (spec) => {
      const layout = flextree({});
      return layout.hierarchy(spec.root, (v) => spec.nodes[v].children);
    },
    reuse: true,
    run: (spec) => {
      const size = spec.nodes.map((n) => [n.width, n.height + spec.spacing.level]);
      const layout = flextree({
        nodeSize: (node) => size[node.data],
        spacing: (a, b) => tidyGap(spec, a, b),
      });
      return (root) => layout(root);
    },
    check: (root) => expectFinite('d3-flextree', root.descendants().map((d) => [d.x, d.y])),
  },
  // dagre and elkjs get what run.mjs gives them in the layout-quality benchmark: our
  // layered layout's gaps, every answer label as a box of its size.
  dagre: {
    settings: () => 'labelpos c, nodesep item gap, ranksep 2 x rank gap',
    build: (spec) => {
      const g = new dagre.graphlib.Graph({ multigraph: true });
      g.setGraph({ rankdir: 'TB', nodesep: spec.spacing.item, ranksep: 2 * spec.spacing.rank, marginx: 0, marginy: 0 });
      spec.nodes.forEach((n, v) => g.setNode(`n${v}`, { width: n.width, height: n.height }));
      spec.nodes.forEach((n, v) =>
        n.children.forEach((w, k) => {
          const [width, height] = n.labels[k];
          g.setEdge({ v: `n${v}`, w: `n${w}`, name: `e${v}.${k}` }, { width, height, labelpos: 'c' });
        }),
      );
      return g;
    },
    run: () => (g) => {
      dagre.layout(g);
      return g;
    },
    check: (g) => expectFinite('dagre', g.nodes().map((v) => [g.node(v).x, g.node(v).y])),
  },
  elkjs: {
    settings: () => 'layered, orthogonal routing, centre labels',
    build: (spec) => ({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.spacing.nodeNode': String(spec.spacing.item),
        'elk.layered.spacing.nodeNodeBetweenLayers': String(spec.spacing.rank),
        'elk.edgeLabels.placement': 'CENTER',
      },
      children: spec.nodes.map((n, v) => ({ id: `n${v}`, width: n.width, height: n.height })),
      edges: spec.nodes.flatMap((n, v) =>
        n.children.map((w, k) => {
          const [width, height] = n.labels[k];
          const id = `e${v}.${k}`;
          return { id, sources: [`n${v}`], targets: [`n${w}`], labels: [{ id: `${id}l`, text: 'label', width, height }] };
        }),
      ),
    }),
    run: () => {
      const elk = new ELK();
      return (g) => elk.layout(g);
    },
    check: (g) => expectFinite('elkjs', g.children.map((c) => [c.x, c.y])),
  },
};

async function one(peerName, specPath, deadline) {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const peer = PEERS[peerName];
  const timing = await timed(peer, spec, Number(deadline));
  const line = { spec: spec.name, shape: spec.shape, nodes: spec.nodes.length, tool: peerName, settings: peer.settings() };
  console.log(JSON.stringify({ ...line, ...timing }));
}

// elkjs and flextree recurse once per level or more: a 4 GB stack limit (only what is
// used is paid for) keeps deep trees from overflowing node's default stack.
function spawnPeer(peer, specPath, limitS) {
  const script = fileURLToPath(import.meta.url);
  const deadline = Date.now() + limitS * 1000;
  const shell = 'stack=(); ulimit -s 4000000 2>/dev/null && stack=(--stack-size=2000000); exec node "${stack[@]}" "$@"';
  const args = ['--max-old-space-size=12288', script, 'one', peer, specPath, String(deadline)];
  return spawnSync('bash', ['-c', shell, 'peer', ...args], {
    encoding: 'utf8',
    timeout: limitS * 1000,
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function outcome(p, limitS) {
  if (p.error?.code === 'ETIMEDOUT' || p.signal === 'SIGTERM') return { timeout_s: limitS };
  if (p.status !== 0) {
    const err = p.stderr.split('\n').find((l) => /Error|FATAL/.test(l)) ?? p.stderr.trim().split('\n').pop();
    return { failed: err ?? `exit status ${p.status}` };
  }
  return JSON.parse(p.stdout.trim().split('\n').pop());
}

function all(dir) {
  const limitS = Number(process.env.LIMIT ?? 60);
  const specs = readFileSync(join(dir, 'specs.txt'), 'utf8').split('\n').filter(Boolean);
  const stoppedOn = new Map();
  for (const file of specs) {
    const path = join(dir, file);
    const { name, shape, nodes } = JSON.parse(readFileSync(path, 'utf8'));
    for (const peer of Object.keys(PEERS)) {
      const key = `${peer}\n${shape}`;
      const head = { spec: name, shape, nodes: nodes.length, tool: peer, settings: PEERS[peer].settings() };
      let result;
      if (stoppedOn.has(key)) {
        result = { ...head, skipped: `> ${limitS} s at ${stoppedOn.get(key).toLocaleString('en-US')} nodes` };
      } else {
        const t = Date.now();
        result = { ...head, ...outcome(spawnPeer(peer, path, limitS), limitS) };
        if (result.timeout_s) stoppedOn.set(key, nodes.length);
        console.error(`${name} ${peer}: ${((Date.now() - t) / 1e3).toFixed(1)} s wall`);
      }
      console.log(JSON.stringify(result));
    }
  }
}

function fmtMs(ms) {
  if (ms >= 100) return Math.round(ms).toLocaleString('en-US');
  return ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function fmtRatio(r) {
  if (r >= 100) return `${Math.round(r).toLocaleString('en-US')}×`;
  return r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

function table(files) {
  const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  const out = [
    '| shape | nodes | tool | time, ms (median) | best, ms | runs | ÷ our tidy | ÷ our layered |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of new Set(lines.map((l) => l.spec))) {
    const rows = lines.filter((l) => l.spec === s);
    const base = (tool) => rows.find((r) => r.tool === tool)?.ms;
    const bases = [base('ours, tidy'), base('ours, layered')];
    for (const r of rows) {
      const cells = row(r, bases);
      out.push(`| ${r.shape} | ${r.nodes.toLocaleString('en-US')} | ${r.tool} | ${cells.join(' | ')} |`);
    }
  }
  console.log(out.join('\n'));
}

// time, best, runs, and the ratios to our two layouts.
function row(r, bases) {
  const ratios = (ms, prefix) => bases.map((b) => (b ? `${prefix}${fmtRatio(ms / b)}` : '–'));
  if (r.ms !== undefined) {
    return [fmtMs(r.ms), fmtMs(Math.min(...r.runs)), r.runs.length, ...ratios(r.ms, '')];
  }
  if (r.timeout_s !== undefined) {
    const ms = r.timeout_s * 1000;
    return [`> ${ms.toLocaleString('en-US')}`, '–', 0, ...ratios(ms, '> ')];
  }
  return [r.skipped ? `not run: ${r.skipped}` : `failed: ${r.failed}`, '–', 0, '–', '–'];
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'one') await one(...args);
else if (mode === 'table') table(args);
else if (mode && args.length === 0) all(mode);
else {
  console.error('usage: node speed.mjs DIR | one PEER SPEC DEADLINE | table FILE...');
  process.exit(2);
}
