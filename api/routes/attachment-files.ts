/** The upload and download halves the attachment routes share (a task's files, an approval document's files). */
import type { Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../../shared/app-error';

/** Reads one file from the multipart field `file` within `limit` bytes; a refused upload rejects with a 413 or 400. */
export function singleFileUpload(limit: number): (req: Request, res: Response) => Promise<Express.Multer.File> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, files: 1, fields: 0 },
    // Korean file names arrive as UTF-8 without a charset parameter.
    defParamCharset: 'utf8',
  }).single('file');
  return (req, res) =>
    new Promise((resolve, reject) => {
      upload(req, res, (error: unknown) => {
        if (error) return reject(toUploadError(error, limit));
        if (!req.file)
          return reject(new AppError('BAD_REQUEST', 'Send the file as multipart/form-data in the field `file`.'));
        resolve(req.file);
      });
    });
}

/** The multipart parser's own errors ("Boundary not found", "Malformed part header") are a malformed request body. */
export function malformedMultipart(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('BAD_REQUEST', `The multipart/form-data body cannot be read: ${reason}.`);
}

/** Sends a stored file as a download with its stored type, never a guess from the bytes and never shown inline. */
export function sendAttachment(res: Response, file: { fileName: string; mediaType: string; bytes: Uint8Array }): void {
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // An uploaded page cannot run here.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.attachment(file.fileName);
  res.end(Buffer.from(file.bytes));
}

function toUploadError(error: unknown, limit: number): Error {
  if (!(error instanceof multer.MulterError)) return malformedMultipart(error);
  if (error.code === 'LIMIT_FILE_SIZE') {
    return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the attachment limit (${limit} bytes).`);
  }
  return new AppError('BAD_REQUEST', `Send one file in the multipart field \`file\` (${error.message}).`);
}
