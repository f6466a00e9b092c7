// Docs v1 emulation for the local workspace (owned by the học bạ work, issue 8).
// The REST layer (server/local) routes documents.create/get/batchUpdate and files.export(PDF) here.
// The model (model.ts) keeps Google's index semantics; requests.ts applies batchUpdate requests; pdf.ts renders.
import { fromJson, newDocModel, toJson } from './model.ts';
import { applyBatch, DocsRequestError } from './requests.ts';
import { renderModelPdf } from './pdf.ts';

export { DocsRequestError };
export { renderSpreadsheetPdf } from './sheet-pdf.ts';

/** A Google Docs document resource as documents.get returns it (subset: documentId, title, body, …). */
export type DocsDocument = { documentId: string; title: string; [key: string]: unknown };

/** documents.create: a new empty document (body holds one section break and one empty paragraph, as Google). */
export function createDocument(documentId: string, title: string): DocsDocument {
  return toJson(newDocModel(documentId, title)) as DocsDocument;
}

/** documents.batchUpdate: applies requests in order, all or nothing; returns Google's replies array. */
export function applyRequests(doc: DocsDocument, requests: unknown[]): { doc: DocsDocument; replies: unknown[] } {
  const { model, replies } = applyBatch(fromJson(doc), requests);
  return { doc: toJson(model) as DocsDocument, replies };
}

/** files.export as application/pdf of a Docs document. */
export async function renderDocumentPdf(doc: DocsDocument): Promise<Uint8Array> {
  return renderModelPdf(fromJson(doc));
}
