/**
 * Files attached to a task, stored in PostgreSQL with their SHA-256. Only the media types of the allow-list are
 * taken, and the bytes must look like the type they claim (a PDF starts with `%PDF-`), so a script renamed to
 * `.pdf` is refused. They stay with the task after it closes, as part of the instance's record.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';
import type { PrismaClient } from '../../platform/db';
import type { ServiceDeps } from '../deps';
import type { Caller } from '../auth/ability';
import { recordClassifiedReading } from './classified-reading';
import { assertOpen, auditTask, findTask } from './task-access';
import { isUuid } from '../validation';
import { instant } from './answer-fields';

/** How a file of a type starts; `text` files have no signature but must be UTF-8 without NUL bytes. */
type Signature = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'ole' | 'text';

/** The allow-list: media type → the signature its bytes carry. Office and HWPX files are ZIP, HWP 5 and legacy
 * Office files are OLE compound files. */
const allowedTypes: Record<string, Signature> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'zip',
  'application/vnd.hancom.hwpx': 'zip',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.ms-powerpoint': 'ole',
  'application/x-hwp': 'ole',
  'application/haansofthwp': 'ole',
  'text/plain': 'text',
  'text/csv': 'text',
};

/** Browsers send no useful type for some files (HWP above all); then the extension names it. */
const typeByExtension: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.hwpx': 'application/vnd.hancom.hwpx',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.hwp': 'application/x-hwp',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
};

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
const ascii = (bytes: Buffer, at: number, text: string) =>
  bytes.subarray(at, at + text.length).toString('latin1') === text;

const signatureMatches: Record<Signature, (bytes: Buffer) => boolean> = {
  pdf: (bytes) => ascii(bytes, 0, '%PDF-'),
  png: (bytes) => startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  jpeg: (bytes) => startsWith(bytes, 0xff, 0xd8, 0xff),
  gif: (bytes) => ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'),
  webp: (bytes) => ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP'),
  zip: (bytes) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06),
  ole: (bytes) => startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
  text: (bytes) => !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes),
};

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** What a stored file shows of itself (its bytes are read apart); approval documents' files show the same. */
export const attachmentFields = {
  id: true,
  fileName: true,
  mediaType: true,
  size: true,
  sha256: true,
  uploader: true,
  at: true,
} as const;

/** A stored file as lists and uploads answer it (attachmentFields). */
export const attachmentAnswer = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploader: z.string(),
  at: instant,
});
type AttachmentAnswer = z.input<typeof attachmentAnswer>;

export function listAttachments(prisma: PrismaClient, taskId: string): Promise<AttachmentAnswer[]> {
  return prisma.taskAttachment.findMany({
    where: { taskId },
    select: attachmentFields,
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

export async function attachmentsOf(deps: ServiceDeps, caller: Caller, taskId: string): Promise<AttachmentAnswer[]> {
  const task = await findTask(deps, caller, 'read', taskId);
  await recordClassifiedReading(deps, caller, {
    instanceId: task.processInstanceId,
    itemType: 'task-attachments',
    itemId: task.id,
  });
  return listAttachments(deps.prisma, task.id);
}

/** Anyone who may read an open task attaches a file to it. */
export async function addAttachment(
  deps: ServiceDeps,
  caller: Caller,
  input: { taskId: string; file: UploadedFile },
): Promise<AttachmentAnswer> {
  const task = await findTask(deps, caller, 'read', input.taskId);
  assertOpen(task);
  const { file } = input;
  const mediaType = acceptedMediaType(file);
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  return deps.prisma.$transaction(async (tx) => {
    const attachment = await tx.taskAttachment.create({
      data: {
        taskId: task.id,
        uploader: caller.principal.username,
        fileName: file.originalname,
        mediaType,
        size: file.buffer.length,
        bytes: new Uint8Array(file.buffer),
        sha256,
      },
      select: attachmentFields,
    });
    await auditTask(tx, caller, 'task.attached', task.id, {
      attachmentId: attachment.id,
      fileName: file.originalname,
      sha256,
    });
    return attachment;
  });
}

/** The stored file, for download, if the caller may read its task. */
export async function attachmentFile(deps: ServiceDeps, caller: Caller, input: { taskId: string; id: string }) {
  const task = await findTask(deps, caller, 'read', input.taskId);
  const attachment = isUuid(input.id)
    ? await deps.prisma.taskAttachment.findFirst({ where: { id: input.id, taskId: task.id } })
    : null;
  if (!attachment) throw new AppError('NOT_FOUND', `Task ${task.id} has no attachment ${input.id}.`);
  await recordClassifiedReading(deps, caller, {
    instanceId: task.processInstanceId,
    itemType: 'task-attachment',
    itemId: attachment.id,
  });
  return attachment;
}

export function acceptedMediaType(file: UploadedFile): string {
  const declared = file.mimetype.split(';')[0]!.trim().toLowerCase();
  const generic = declared === '' || declared === 'application/octet-stream';
  const mediaType = generic ? (typeByExtension[path.extname(file.originalname).toLowerCase()] ?? declared) : declared;
  const signature = allowedTypes[mediaType];
  if (!signature) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${file.originalname}: ${mediaType || 'an unnamed type'} is not accepted; attach PDF, images, office or HWP documents, text or ZIP.`,
    );
  }
  if (!signatureMatches[signature](file.buffer)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${file.originalname}: the content is not ${mediaType}.`);
  }
  return mediaType;
}
