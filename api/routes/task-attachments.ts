import { Router, type Request } from 'express';
import type { AppDeps } from '../deps';
import { caller } from '../auth/authenticate';
import { addAttachment, attachmentFile, attachmentsOf } from '../services/task-attachments';
import { sendAttachment, singleFileUpload } from './attachment-files';

/** `/api/tasks/:id/attachments`: list, upload (multipart field `file`) and download a task's files. */
export function taskAttachmentRoutes(deps: AppDeps): Router {
  const router = Router({ mergeParams: true });
  const receiveFile = singleFileUpload(deps.config.MAX_ATTACHMENT_BYTES);

  router.get('/', async (req: Request<{ id: string }>, res) => {
    res.json({ items: await attachmentsOf(deps, caller(req), req.params.id) });
  });

  router.post('/', async (req: Request<{ id: string }>, res) => {
    const file = await receiveFile(req, res);
    res.status(201).json(await addAttachment(deps, caller(req), { taskId: req.params.id, file }));
  });

  router.get('/:attachmentId', async (req: Request<{ id: string; attachmentId: string }>, res) => {
    sendAttachment(
      res,
      await attachmentFile(deps, caller(req), { taskId: req.params.id, id: req.params.attachmentId }),
    );
  });
  return router;
}
