// The peers of the layout-quality benchmark (benches/layout_quality.sh): reads a graph
// spec written by `cargo run --release --example layout_quality -- --specs-only`, runs
// one peer on it, and writes that peer's drawing in the one format the example reads.
//
//   node run.mjs elkjs  SPEC OUT [ORTHOGONAL|SPLINES]  elkjs, layered algorithm
//   node run.mjs dagre  SPEC OUT                       dagre
//   node run.mjs dot-input  SPEC OUT.gv                the spec as DOT, for Graphviz dot
//   node run.mjs dot-output SPEC DOT.json TIMES OUT    dot's -Tjson output as a drawing;
//                                                      TIMES: a JSON array of run times (ms)
//
// A drawing is { tool, settings, time_ms, runs, nodes, edges } with node and label boxes
// as centre and size, y down, and each edge (in spec order) as a path of points:
// "polyline", or "bezier" (3k+1 points: consecutive cubic segments). With a spec's
// `time_only` set, nodes and edges are left out.
//
// Spacing matches the example's `Spacing::default()`: 24 px between boxes in a rank,
// 28 px between rank bands. dot and dagre put each edge label on a rank of its own and
// halve the rank separation they are given to make room for it, so they get 56.

import { readFileSync, writeFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import dagre from '@dagrejs/dagre';

const ITEM_GAP = 24;
const RANK_GAP = 28;
// Runs per measurement: at most this many, and no new run once this much time has gone.
const MAX_RUNS = 5;
const BUDGET_MS = 60_000;

function readSpec(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function write(path, drawing) {
  writeFileSync(path, JSON.stringify(drawing));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Times `run(build())` (only the layout call, not building its input), repeatedly;
// returns the last result with the median time.
async function timed(build, run) {
  const runs = [];
  let result;
  let total = 0;
  while (runs.length < MAX_RUNS && (runs.length === 0 || total < BUDGET_MS)) {
    const input = build();
    const t = process.hrtime.bigint();
    result = await run(input);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    runs.push(ms);
    total += ms;
  }
  return { result, time_ms: median(runs), runs };
}

function box(x, y, width, height) {
  return { x, y, width, height };
}

// ELK's spline routes list a start point, then control points in threes (two controls
// and an end) per cubic segment; a route can end with a lone point (a straight piece)
// or a pair (a quadratic piece). This is how ELK's own renderers read them.
function elkSplineToBezier(points) {
  const out = [points[0]];
  let i = 1;
  while (i < points.length) {
    const p = out[out.length - 1];
    const left = points.length - i;
    if (left === 1) {
      const q = points[i];
      out.push(p, q, q);
      i += 1;
    } else if (left === 2) {
      const [c, q] = [points[i], points[i + 1]];
      out.push(
        [p[0] + (2 / 3) * (c[0] - p[0]), p[1] + (2 / 3) * (c[1] - p[1])],
        [q[0] + (2 / 3) * (c[0] - q[0]), q[1] + (2 / 3) * (c[1] - q[1])],
        q,
      );
      i += 2;
    } else {
      out.push(points[i], points[i + 1], points[i + 2]);
      i += 3;
    }
  }
  return out;
}

async function elkjs(specPath, outPath, routing = 'ORTHOGONAL') {
  const spec = readSpec(specPath);
  const layoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.edgeRouting': routing,
    'elk.spacing.nodeNode': String(ITEM_GAP),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(RANK_GAP),
    // Centre labels become label nodes on a layer of their own, as in dot and ours.
    'elk.edgeLabels.placement': 'CENTER',
  };
  const elk = new ELK();
  const build = () => ({
    id: 'root',
    layoutOptions,
    children: spec.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: spec.edges.map((e) => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      // ELK leaves a label with empty text unplaced; the text is never measured.
      labels: e.label ? [{ id: `${e.id}-label`, text: 'label', ...e.label }] : [],
    })),
  });
  const { result, time_ms, runs } = await timed(build, (g) => elk.layout(g));
  const drawing = { tool: 'elkjs', settings: `layered, ${routing.toLowerCase()} routing`, time_ms, runs };
  if (!spec.time_only) {
    const byId = new Map(result.children.map((c) => [c.id, c]));
    drawing.nodes = spec.nodes.map((n) => {
      const c = byId.get(n.id);
      return box(c.x + c.width / 2, c.y + c.height / 2, c.width, c.height);
    });
    const edges = new Map(result.edges.map((e) => [e.id, e]));
    drawing.edges = spec.edges.map((s) => {
      const e = edges.get(s.id);
      const points = (e.sections ?? []).flatMap((sec) =>
        [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => [p.x, p.y]),
      );
      const l = (e.labels ?? [])[0];
      return {
        curve: routing === 'SPLINES' ? 'bezier' : 'polyline',
        points: routing === 'SPLINES' && points.length ? elkSplineToBezier(points) : points,
        label: l ? box(l.x + l.width / 2, l.y + l.height / 2, l.width, l.height) : null,
      };
    });
  }
  write(outPath, drawing);
}

async function runDagre(specPath, outPath) {
  const spec = readSpec(specPath);
  const build = () => {
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: ITEM_GAP, ranksep: 2 * RANK_GAP, marginx: 0, marginy: 0 });
    for (const n of spec.nodes) g.setNode(n.id, { width: n.width, height: n.height });
    for (const e of spec.edges) {
      const label = e.label ?? { width: 0, height: 0 };
      g.setEdge({ v: e.source, w: e.target, name: e.id }, { ...label, labelpos: 'c' });
    }
    return g;
  };
  const { result: g, time_ms, runs } = await timed(build, (g) => {
    dagre.layout(g);
    return g;
  });
  const drawing = { tool: 'dagre', settings: 'labelpos c', time_ms, runs };
  if (!spec.time_only) {
    drawing.nodes = spec.nodes.map((n) => {
      const v = g.node(n.id);
      return box(v.x, v.y, v.width, v.height);
    });
    drawing.edges = spec.edges.map((s) => {
      const e = g.edge({ v: s.source, w: s.target, name: s.id });
      return {
        // dagre returns the points its edge passes through; renderers often draw a
        // B-spline near them instead, but the points are its route.
        curve: 'polyline',
        points: e.points.map((p) => [p.x, p.y]),
        label: s.label ? box(e.x, e.y, s.label.width, s.label.height) : null,
      };
    });
  }
  write(outPath, drawing);
}

// Labels become HTML-like tables of exactly the spec's size, which dot places as a box
// on the middle rank of the edge, the way it places any edge label.
function dotInput(specPath, outPath) {
  const spec = readSpec(specPath);
  const inch = (px) => (px / 72).toFixed(4);
  const lines = [
    'digraph G {',
    `  graph [rankdir=TB, nodesep=${inch(ITEM_GAP)}, ranksep=${inch(2 * RANK_GAP)}];`,
    '  node [shape=box, fixedsize=true, label="", margin=0];',
  ];
  for (const n of spec.nodes) lines.push(`  ${n.id} [width=${inch(n.width)}, height=${inch(n.height)}];`);
  for (const e of spec.edges) {
    const label = e.label
      ? `, label=<<TABLE FIXEDSIZE="TRUE" WIDTH="${e.label.width}" HEIGHT="${e.label.height}" BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD></TD></TR></TABLE>>`
      : '';
    lines.push(`  ${e.source} -> ${e.target} [id="${e.id}"${label}];`);
  }
  lines.push('}');
  writeFileSync(outPath, lines.join('\n') + '\n');
}

// dot's `pos` is "e,x,y p0 p1 ... p3k": a cubic B-spline in Bézier form, then the tip of
// the arrowhead, which is drawn from p3k to the tip; y grows upwards from `bb`.
function dotOutput(specPath, jsonPath, timesPath, outPath) {
  const spec = readSpec(specPath);
  const runs = JSON.parse(readFileSync(timesPath, 'utf8'));
  const drawing = { tool: 'dot', settings: 'splines', time_ms: median(runs), runs };
  if (!spec.time_only) {
    const out = JSON.parse(readFileSync(jsonPath, 'utf8'));
    const top = Number(out.bb.split(',')[3]);
    const point = (s) => {
      const [x, y] = s.split(',').map(Number);
      return [x, top - y];
    };
    const objects = new Map(out.objects.map((o) => [o.name, o]));
    drawing.nodes = spec.nodes.map((n) => {
      const o = objects.get(n.id);
      const [x, y] = point(o.pos);
      return box(x, y, Number(o.width) * 72, Number(o.height) * 72);
    });
    const edges = new Map((out.edges ?? []).map((e) => [e.id, e]));
    drawing.edges = spec.edges.map((s) => {
      const e = edges.get(s.id);
      let tip = null;
      const points = [];
      for (const part of e.pos.split(' ')) {
        if (part.startsWith('e,')) tip = point(part.slice(2));
        else if (part.startsWith('s,')) continue;
        else points.push(point(part));
      }
      if (tip && points.length) {
        const last = points[points.length - 1];
        points.push(last, tip, tip);
      }
      const label = s.label && e.lp ? box(...point(e.lp), s.label.width, s.label.height) : null;
      return { curve: 'bezier', points, label };
    });
  }
  write(outPath, drawing);
}

const [mode, ...args] = process.argv.slice(2);
const modes = { elkjs, dagre: runDagre, 'dot-input': dotInput, 'dot-output': dotOutput };
if (!modes[mode]) {
  console.error('usage: node run.mjs elkjs|dagre|dot-input|dot-output SPEC ...');
  process.exit(2);
}
await modes[mode](...args);
