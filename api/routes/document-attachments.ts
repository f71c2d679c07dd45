import { Router, type Request } from 'express';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { addDocumentAttachment, documentAttachmentFile } from '../services/document-dispatch';
import { sendAttachment, singleFileUpload } from './attachment-files';

/** `/api/approvals/:id/attachments`: the drafter uploads (multipart field `file`); readers of the document download. */
export function documentAttachmentRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const receiveFile = singleFileUpload(deps.config.MAX_ATTACHMENT_BYTES);

  router.post('/', async (req: Request<{ id: string }>, res) => {
    const file = await receiveFile(req, res);
    res.status(201).json(await addDocumentAttachment(deps, caller(req), { documentId: req.params.id, file }));
  });

  router.get('/:attachmentId', async (req: Request<{ id: string; attachmentId: string }>, res) => {
    const { id: documentId, attachmentId } = req.params;
    sendAttachment(res, await documentAttachmentFile(deps, caller(req), { documentId, attachmentId }));
  });
  return router;
}
