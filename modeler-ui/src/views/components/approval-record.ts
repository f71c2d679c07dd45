/**
 * The record of an approval document (문서관리카드, report path): each step with the person on the line and their
 * position, who acted, the mark (전결, 대결, 후결), the decision, the opinion and when. Shown on the document page and
 * beside a task of an approval document.
 */
import { api, ApiError, isAbort, type Task } from '../../api';
import type { ApprovalDocument, ApprovalStep } from '../../api/approvals';
import { card, h, type Child } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { href } from '../../router';
import { t, type MessageKey } from '../../i18n';

export function approvalRecordTable(document: ApprovalDocument): HTMLElement {
  const th = (key: MessageKey) => h('th', { scope: 'col' }, t(key));
  const cell = (key: MessageKey, ...content: Child[]) => h('td', { data: { label: t(key) } }, ...content);
  const person = (step: ApprovalStep) =>
    step.assignee.position
      ? `${step.assignee.displayName} (${step.assignee.position.name})`
      : step.assignee.displayName;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table--compact approval-record' },
      h('caption', { class: 'visually-hidden' }, t('approvals.record.caption')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('approvals.record.col.round'),
          th('approvals.record.col.kind'),
          th('approvals.record.col.person'),
          th('approvals.record.col.actor'),
          th('approvals.record.col.mark'),
          th('approvals.record.col.decision'),
          th('approvals.record.col.opinion'),
          th('approvals.record.col.when'),
        ),
      ),
      h(
        'tbody',
        null,
        ...document.steps.map((step) =>
          h(
            'tr',
            { data: { kind: step.kind, mark: step.mark } },
            cell('approvals.record.col.round', String(step.round)),
            cell('approvals.record.col.kind', t(`approvals.kind.${step.kind}` as MessageKey)),
            cell('approvals.record.col.person', person(step)),
            cell('approvals.record.col.actor', step.actor.displayName),
            cell(
              'approvals.record.col.mark',
              step.mark === 'NONE'
                ? t('approvals.mark.NONE')
                : h('span', { class: 'badge' }, t(`approvals.mark.${step.mark}` as MessageKey)),
            ),
            cell(
              'approvals.record.col.decision',
              step.decision ? t(`approvals.decision.${step.decision}` as MessageKey) : t('approvals.record.pending'),
            ),
            cell(
              'approvals.record.col.opinion',
              step.opinion ?? '',
              step.revisedBody === null
                ? null
                : h(
                    'details',
                    null,
                    h('summary', null, t('approvals.record.revised')),
                    h('p', { class: 'approval-body' }, step.revisedBody),
                  ),
            ),
            cell(
              'approvals.record.col.when',
              step.actedAt ? h('time', { datetime: step.actedAt }, formatDateTime(step.actedAt)) : '',
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * For a task whose instance carries a `documentId`: a card that loads and shows that document's record. A document
 * the person may not read (another process's variable of that name, say) takes the card away, as if it were not there.
 */
export function approvalRecordFor(task: Task, signal: AbortSignal): HTMLElement | null {
  const documentId = task.variables?.documentId;
  if (typeof documentId !== 'string') return null;
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('approvals.record.loading')));
  const section = card(
    t('approvals.record.title'),
    'approval-record-card',
    h('p', null, h('a', { href: href(`/approvals/${encodeURIComponent(documentId)}`) }, t('approvals.record.open'))),
    body,
  );
  api.approvals
    .getApproval(documentId, signal)
    .then((document) => body.replaceChildren(approvalRecordTable(document)))
    .catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) section.remove();
      else if (!isAbort(err)) body.replaceChildren(h('p', { class: 'form-error' }, errorMessage(err)));
    })
    .finally(() => body.setAttribute('aria-busy', 'false'));
  return section;
}
