import { isCollection, isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';

export type YamlPath = (string | number)[];

/** Maps with more pairs than this get an index, so that looking up each of their keys stays linear. */
const INDEXED_MAP_SIZE = 64;
const indexes = new WeakMap<YAMLMap, { size: number; pairs: Map<string, Pair<Node, Node | null>> }>();

/** The pair of `map` whose key is `key` (the first, when a key is written twice). */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  if (map.items.length > INDEXED_MAP_SIZE) {
    let index = indexes.get(map);
    if (!index || index.size !== map.items.length) {
      const pairs = new Map<string, Pair<Node, Node | null>>();
      for (const item of map.items) {
        if (!isScalar(item.key)) continue;
        const name = String(item.key.value);
        if (!pairs.has(name)) pairs.set(name, item as Pair<Node, Node | null>);
      }
      index = { size: map.items.length, pairs };
      indexes.set(map, index);
    }
    return index.pairs.get(key);
  }
  for (const item of map.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

/** The node at a data path, or undefined. */
export function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node) && typeof part === 'string') node = pairOf(node, part)?.value ?? undefined;
    else if (isSeq(node) && typeof part === 'number') node = node.items[part];
    else return undefined;
  }
  return isScalar(node) || isCollection(node) ? node : undefined;
}

/** The key node naming the last step of a path (the key of a map entry, or for an index the item itself). */
export function keyNodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent) && typeof last === 'string') {
    const key = pairOf(parent, last)?.key;
    return isScalar(key) ? key : undefined;
  }
  return nodeAt(root, path);
}


/** Calls `visit` for every map in the document, with its path. */
export function forEachMap(root: unknown, visit: (map: YAMLMap, path: YamlPath) => void, path: YamlPath = []): void {
  if (isMap(root)) {
    visit(root, path);
    for (const pair of root.items) {
      if (isPair(pair) && isScalar(pair.key)) forEachMap(pair.value, visit, [...path, String(pair.key.value)]);
    }
  } else if (isSeq(root)) {
    root.items.forEach((item, index) => forEachMap(item, visit, [...path, index]));
  }
}

/** Whether a node is missing, null, or text with nothing but spaces. */
export function isBlank(node: unknown): boolean {
  return !node || (isScalar(node) && (node.value === null || String(node.value).trim() === ''));
}
