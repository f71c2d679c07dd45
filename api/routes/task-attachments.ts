import { Router, type Request } from 'express';
import multer from 'multer';
import { AppError } from '../../shared/app-error';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { addAttachment, attachmentFile, attachmentsOf } from '../services/task-attachments';

/** `/api/tasks/:id/attachments`: list, upload (multipart field `file`) and download a task's files. */
export function taskAttachmentRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const limit = deps.config.MAX_ATTACHMENT_BYTES;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: 1, fields: 0 },
    // Korean file names arrive as UTF-8 without a charset parameter.
    defParamCharset: 'utf8',
  }).single('file');

  router.get('/', async (req: Request<{ id: string }>, res) => {
    res.json({ items: await attachmentsOf(deps, caller(req), req.params.id) });
  });

  router.post('/', (req: Request<{ id: string }>, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error) return next(toUploadError(error, limit));
      Promise.resolve()
        .then(() => {
          if (!req.file) throw new AppError('BAD_REQUEST', 'Send the file as multipart/form-data in the field `file`.');
          return addAttachment(deps, caller(req), { taskId: req.params.id, file: req.file });
        })
        .then((attachment) => res.status(201).json(attachment), next);
    });
  });

  router.get('/:attachmentId', async (req: Request<{ id: string; attachmentId: string }>, res) => {
    const file = await attachmentFile(deps, caller(req), { taskId: req.params.id, id: req.params.attachmentId });
    // The stored type, never a guess from the bytes, and never shown inline: an uploaded page cannot run here.
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.attachment(file.fileName);
    res.end(Buffer.from(file.bytes));
  });
  return router;
}

function toUploadError(error: unknown, limit: number): unknown {
  if (!(error instanceof multer.MulterError)) return error;
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the attachment limit (${limit} bytes).`);
  }
  return new AppError('BAD_REQUEST', `Send one file in the multipart field \`file\` (${error.message}).`);
}
