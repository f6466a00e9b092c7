// Docs v1 emulation for the local workspace (owned by the học bạ work, issue 8).
// The REST layer (server/local) routes documents.create/get/batchUpdate and files.export(PDF) here.
// Placeholders until implemented: they fail loudly rather than pretend.

/** A Google Docs document resource as documents.get returns it (subset: documentId, title, body, …). */
export type DocsDocument = { documentId: string; title: string; [key: string]: unknown };

/** A Docs request the API rejects (→ HTTP 400 INVALID_ARGUMENT with this message). */
export class DocsRequestError extends Error {}

/** documents.create: a new empty document (body holds one section break and one empty paragraph, as Google). */
export function createDocument(documentId: string, title: string): DocsDocument {
  throw new Error(`Docs emulation not implemented yet (${documentId}, ${title})`);
}

/** documents.batchUpdate: applies requests in order, all or nothing; returns Google's replies array. */
export function applyRequests(doc: DocsDocument, requests: unknown[]): { doc: DocsDocument; replies: unknown[] } {
  throw new Error(`Docs emulation not implemented yet (${doc.documentId}, ${requests.length} requests)`);
}

/** files.export as application/pdf of a Docs document. */
export async function renderDocumentPdf(doc: DocsDocument): Promise<Uint8Array> {
  throw new Error(`Docs PDF rendering not implemented yet (${doc.documentId})`);
}
