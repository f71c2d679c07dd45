/**
 * Lays out a model that has no diagram information. bpmn-auto-layout walks the flow nodes' `incoming`/`outgoing`
 * references, which hand-written models often leave out (the sequence flows' `sourceRef`/`targetRef` alone are
 * valid BPMN), so those references are filled in from the flows first.
 */
const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** True when the document carries no diagram information (shapes) to draw it with. */
export function lacksLayout(xml: string): boolean {
  return !/<(?:[\w-]+:)?BPMNShape[\s>]/.test(xml);
}

export async function layOut(xml: string): Promise<string> {
  const { layoutProcess } = await import('bpmn-auto-layout');
  return layoutProcess(withFlowReferences(xml));
}

function withFlowReferences(xml: string): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return xml; // let the importer report the error
  const byId = new Map<string, Element>();
  for (const el of Array.from(doc.getElementsByTagNameNS(BPMN_NS, '*'))) {
    const id = el.getAttribute('id');
    if (id) byId.set(id, el);
  }
  for (const flow of Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'sequenceFlow'))) {
    const id = flow.getAttribute('id');
    if (!id) continue;
    addReference(byId.get(flow.getAttribute('sourceRef') ?? ''), 'outgoing', id);
    addReference(byId.get(flow.getAttribute('targetRef') ?? ''), 'incoming', id);
  }
  return new XMLSerializer().serializeToString(doc);
}

function addReference(node: Element | undefined, kind: 'incoming' | 'outgoing', flowId: string): void {
  if (!node) return;
  const existing = Array.from(node.children).filter((c) => c.namespaceURI === BPMN_NS && c.localName === kind);
  if (existing.some((c) => c.textContent?.trim() === flowId)) return;
  const reference = node.ownerDocument.createElementNS(BPMN_NS, `${node.prefix ? `${node.prefix}:` : ''}${kind}`);
  reference.textContent = flowId;
  // BPMN orders a flow node's children: documentation and extension elements first, then incoming, then outgoing.
  const after = [...Array.from(node.children)]
    .reverse()
    .find(
      (c) =>
        c.namespaceURI === BPMN_NS &&
        (['documentation', 'extensionElements', 'incoming'].includes(c.localName) || c.localName === kind),
    );
  node.insertBefore(reference, after ? after.nextSibling : node.firstChild);
}
