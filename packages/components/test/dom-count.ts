/** Every node under `start` (the document by default), shadow trees included. */
export function countNodes(start: Node = document.documentElement): number {
  let n = 0;
  const stack: Node[] = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    n++;
    if (node instanceof Element && node.shadowRoot) stack.push(node.shadowRoot);
    for (const child of node.childNodes) stack.push(child);
  }
  return n;
}
