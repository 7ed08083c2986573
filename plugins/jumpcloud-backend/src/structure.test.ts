import fs from 'node:fs';
import path from 'node:path';

// The package is organised in feature folders (connections, runs, snapshot,
// sync, evaluation, checks, findings, posture, evidence, jumpcloud) plus
// shared plumbing (http, database, config); the composition root at the top
// wires them. A folder importing another that imports it back would undo
// that: this test fails on any such cycle.

const SRC = __dirname;
const IMPORT = /from '(\.{1,2}\/[^']*)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name.startsWith('__') ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}

/** The feature folder of a file, or `.` for the composition root. */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file);
  return relative.includes(path.sep) ? relative.split(path.sep)[0] : '.';
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), spec);
      const isFolder =
        fs.existsSync(target) && fs.statSync(target).isDirectory();
      const to = isFolder
        ? path.relative(SRC, target).split(path.sep)[0]
        : folderOf(target);
      if (to === from || to.startsWith('..')) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) found.push([...trail.slice(at), next]);
      else visit(next, [...trail, next]);
    }
  };
  for (const start of graph.keys()) visit(start, [start]);
  return found;
}

describe('package structure', () => {
  it('has no import cycle between folders', () => {
    const graph = folderGraph();
    expect(graph.get('.')?.size).toBeGreaterThan(5);
    expect(cycles(graph).map(cycle => cycle.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(cycles(graph)[0]).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps the composition root out of the folders', () => {
    const graph = folderGraph();
    const importers = [...graph].filter(([, to]) => to.has('.'));
    expect(importers.map(([from]) => from)).toEqual([]);
  });
});
