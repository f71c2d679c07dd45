import { Router, type Request } from 'express';
import multer from 'multer';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { addDocumentAttachment, documentAttachmentFile } from '../services/document-dispatch';

/** `/api/approvals/:id/attachments`: the drafter uploads (multipart field `file`); readers of the document download. */
export function documentAttachmentRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const limit = deps.config.MAX_ATTACHMENT_BYTES;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: 1, fields: 0 },
    defParamCharset: 'utf8',
  }).single('file');

  router.post('/', (req: Request<{ id: string }>, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        return next(
          new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the attachment limit (${limit} bytes).`),
        );
      }
      if (error) return next(error);
      Promise.resolve()
        .then(() => {
          if (!req.file) throw new AppError('BAD_REQUEST', 'Send the file as multipart/form-data in the field `file`.');
          return addDocumentAttachment(deps, caller(req), { documentId: req.params.id, file: req.file });
        })
        .then((attachment) => res.status(201).json(attachment), next);
    });
  });

  router.get('/:attachmentId', async (req: Request<{ id: string; attachmentId: string }>, res) => {
    const file = await documentAttachmentFile(deps, caller(req), {
      documentId: req.params.id,
      attachmentId: req.params.attachmentId,
    });
    // As task attachments: the stored type, never shown inline.
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.attachment(file.fileName);
    res.end(Buffer.from(file.bytes));
  });
  return router;
}
