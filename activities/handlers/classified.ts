/**
 * Job types `classified.*` of the classified-distribution model (processes/classified-distribution): each hands its
 * inputs to engine/classified/distribution.ts. A refusal a person can put right (a channel the grade does not allow,
 * an uncleared handler, a signature before reading) comes back as a BPMN error carrying the reason, which the model
 * routes back to that person's task; anything else fails the job as usual.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import {
  assertNamedLineCleared,
  dispatchToRecipients,
  draftOf,
  handOver,
  logReceipt,
  recordLateHandover,
  recordRefusal,
  recordSignature,
  registerRecipientCopies,
} from '../../engine/classified/distribution';
import { DISPATCH_CHANNELS } from '../../gov/classified-dispatch';
import { AppError, type ErrorCode } from '../../shared/app-error';
import { FailureType } from '../../shared/workflow-contract';
import { sendOnce } from '../outbound-email';
import { defineHandler, type JobContext } from './types';

/** A refusal a person can put right: the AppError code, the BPMN error it becomes, the variable of its reason. */
interface Refusal {
  code: ErrorCode;
  errorCode: string;
  reasonVariable: string;
  /** The audit action (`classified.<action>`) that keeps the reason. */
  action: string;
}

/**
 * Runs `work`; the refusal's AppError is audited and becomes its BPMN error, with the reason as a variable. `carried`
 * are variables the model needs on either path (who the refused person's task goes to).
 */
async function refusable<T extends object>(
  context: JobContext,
  refusal: Refusal,
  work: () => Promise<T | void>,
  carried: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  try {
    return { ...carried, ...(await work()), [refusal.reasonVariable]: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== refusal.code) throw error;
    await recordRefusal(context.deps.prisma, {
      instanceId: context.instanceId,
      action: refusal.action,
      reason: error.message,
    });
    throw ApplicationFailure.create({
      type: FailureType.BpmnError,
      nonRetryable: true,
      message: error.message,
      details: [{ errorCode: refusal.errorCode, variables: { ...carried, [refusal.reasonVariable]: error.message } }],
    });
  }
}

/** FEEL `now()` of the workflow: the instant the model acts at (the workflow's clock, not the worker's). */
const instant = z.coerce.date();
const copyNumber = z.number().int().positive();

export const classifiedDraft = defineHandler({
  payload: z.object({ approver: z.string().nullish(), reviewers: z.array(z.string()).nullish(), at: instant }),
  async run(payload, context) {
    const instanceId = context.instanceId;
    const draft = await draftOf(context.deps.prisma, instanceId);
    return refusable(
      context,
      {
        code: 'APPROVAL_LINE_UNCLEARED',
        errorCode: 'LINE_REFUSED',
        reasonVariable: 'lineRefusal',
        action: 'line-refused',
      },
      () =>
        assertNamedLineCleared(context.deps.prisma, {
          ...payload,
          grade: draft.classification.grade,
          now: payload.at,
        }),
      { ...draft, replyKey: instanceId },
    );
  },
});

export const classifiedRegisterCopies = defineHandler({
  payload: z.object({ recipientUnits: z.array(z.string().min(1)).min(1, 'name at least one recipient unit') }),
  run: async (payload, context) => ({
    deliveries: await registerRecipientCopies(context.deps.prisma, {
      instanceId: context.instanceId,
      units: payload.recipientUnits,
      now: context.deps.now(),
    }),
  }),
});

export const classifiedDispatch = defineHandler({
  payload: z.object({
    drafter: z.string().min(1),
    channel: z.enum(DISPATCH_CHANNELS),
    carrier: z.string().nullish(),
    at: instant,
  }),
  run: (payload, context) =>
    refusable(
      context,
      {
        code: 'DISPATCH_CHANNEL_REFUSED',
        errorCode: 'DISPATCH_REFUSED',
        reasonVariable: 'dispatchRefusal',
        action: 'dispatch-refused',
      },
      () =>
        dispatchToRecipients(context.deps.prisma, {
          instanceId: context.instanceId,
          by: payload.drafter,
          channel: payload.channel,
          carrier: payload.carrier || null,
          now: payload.at,
        }),
    ),
});

export const classifiedLogReceipt = defineHandler({
  payload: z.object({ copyNumber, at: instant }),
  run: (payload, context) =>
    logReceipt(context.deps.prisma, {
      instanceId: context.instanceId,
      copyNumber: payload.copyNumber,
      at: payload.at,
    }),
});

export const classifiedHandOver = defineHandler({
  payload: z.object({ copyNumber, handler: z.string().min(1), dueAt: instant, at: instant }),
  run: (payload, context) =>
    refusable(
      context,
      {
        code: 'CLEARANCE_INSUFFICIENT',
        errorCode: 'HANDLER_REFUSED',
        reasonVariable: 'handoverRefusal',
        action: 'handover-refused',
      },
      () => handOver(context.deps.prisma, { instanceId: context.instanceId, ...payload }),
    ),
});

export const classifiedEscalateHandover = defineHandler({
  payload: z.object({ copyNumber, unitName: z.string(), dueAt: instant, at: instant }),
  async run(payload, context) {
    const instanceId = context.instanceId;
    const officers = await recordLateHandover(context.deps.prisma, { instanceId, ...payload });
    // The notice names the register entry, never the document's title or text: the mail is not a classified channel.
    for (const officer of officers) {
      await sendOnce(context.deps, `${context.idempotencyKey}:${officer.username}`, {
        to: officer.email,
        subject: `[비밀 인계 지연] 사본 ${payload.copyNumber}번 — ${payload.unitName}`,
        text:
          `비밀문서 사본 ${payload.copyNumber}번이 ${payload.unitName}에서 접수 후 1근무시간 안에 처리담당자에게 ` +
          `인계되지 않았습니다 (기한 ${payload.dueAt.toISOString()}).\n` +
          `A classified copy (no. ${payload.copyNumber}) was not handed to a cleared handler within one working hour ` +
          `of its receipt at ${payload.unitName}. Register entry: instance ${instanceId}.`,
      });
    }
    return { escalatedTo: officers.map((officer) => officer.username) };
  },
});

export const classifiedSign = defineHandler({
  payload: z.object({ copyNumber, handler: z.string().min(1), at: instant }),
  run: (payload, context) =>
    refusable(
      context,
      { code: 'READ_BEFORE_SIGNING', errorCode: 'SIGN_REFUSED', reasonVariable: 'signRefusal', action: 'sign-refused' },
      () => recordSignature(context.deps.prisma, { instanceId: context.instanceId, ...payload }),
    ),
});
