/**
 * The dispatch side of the 문서관리카드 (processes/document-approval/README.md): each recipient and what was sent to
 * it (시행), and for a unit of this agency its receipt number, who received and distributed it to whom, the handler
 * and each 공람 reader; the files attached when drafting; and, once dispatched, the request to send it to a new
 * recipient, which the 처리과 head approves (§15④).
 */
import { api } from '../../api';
import type { ApprovalDocument, DocumentDispatch, DocumentReceipt } from '../../api/approvals';
import { approvalAttachmentUrl } from '../../api/approvals';
import { card, h, withBusy, type Child } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notify } from '../../lib/notices';
import { t, type MessageKey } from '../../i18n';

const when = (instant: string | null) => (instant ? h('time', { datetime: instant }, formatDateTime(instant)) : '—');

export function attachmentsCard(document: ApprovalDocument): HTMLElement | null {
  if (document.attachments.length === 0) return null;
  return card(
    t('dispatch.attachments'),
    'document-attachments',
    h(
      'ul',
      null,
      ...document.attachments.map((file) =>
        h(
          'li',
          null,
          h('a', { href: approvalAttachmentUrl(document.id, file.id), download: file.fileName }, file.fileName),
          ` (${file.size.toLocaleString()} B)`,
        ),
      ),
    ),
  );
}

export function dispatchCard(document: ApprovalDocument, onChanged: () => void): HTMLElement | null {
  if (document.dispatches.length === 0 && document.state !== 'APPROVED') return null;
  const th = (key: MessageKey) => h('th', { scope: 'col' }, t(key));
  const cell = (key: MessageKey, ...content: Child[]) => h('td', { data: { label: t(key) } }, ...content);
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table table--compact document-dispatch' },
      h('caption', { class: 'visually-hidden' }, t('dispatch.caption')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          th('dispatch.col.recipient'),
          th('dispatch.col.state'),
          th('dispatch.col.sentAt'),
          th('dispatch.col.receipt'),
          th('dispatch.col.path'),
          th('dispatch.col.reading'),
        ),
      ),
      h(
        'tbody',
        null,
        ...document.dispatches.map((dispatch) =>
          h(
            'tr',
            { data: { state: dispatch.state } },
            cell('dispatch.col.recipient', recipientName(dispatch), dispatch.resend ? resendNote(dispatch) : null),
            cell(
              'dispatch.col.state',
              h('span', { class: 'badge' }, t(`dispatch.state.${dispatch.state}` as MessageKey)),
            ),
            cell('dispatch.col.sentAt', when(dispatch.sentAt)),
            cell(
              'dispatch.col.receipt',
              dispatch.receipt ? `${dispatch.receipt.registration.number} · ` : '',
              dispatch.receipt ? when(dispatch.receipt.receivedAt) : '',
            ),
            cell(
              'dispatch.col.path',
              dispatch.receipt ? receiptPath(dispatch.receipt) : '',
              dispatch.receipt?.mayManage ? headForm(document.id, dispatch.receipt, onChanged) : null,
            ),
            cell('dispatch.col.reading', dispatch.receipt ? readings(dispatch.receipt) : ''),
          ),
        ),
      ),
    ),
  );
  return card(
    t('dispatch.title'),
    'document-dispatch-card',
    document.dispatches.length ? table : h('p', { class: 'muted' }, t('dispatch.none')),
    document.mayResend ? resendForm(document, onChanged) : null,
  );
}

function recipientName(dispatch: DocumentDispatch): string {
  return dispatch.unit ? dispatch.unit.name : `${dispatch.agencyName ?? ''} <${dispatch.email ?? ''}>`;
}

function resendNote(dispatch: DocumentDispatch): HTMLElement {
  const decided = dispatch.decidedBy ? t('dispatch.decidedBy', { name: dispatch.decidedBy }) : '';
  return h(
    'p',
    { class: 'muted' },
    t('dispatch.resendNote', { by: dispatch.requestedBy ?? '', reason: dispatch.reason ?? '' }),
    decided ? ` ${decided}` : '',
  );
}

function receiptPath(receipt: DocumentReceipt): HTMLElement {
  return h(
    'ul',
    { class: 'plain' },
    h('li', null, t('dispatch.receivedBy', { name: receipt.receivedBy })),
    receipt.distributedTo
      ? h(
          'li',
          null,
          t('dispatch.distributed', { by: receipt.distributedBy ?? '', to: receipt.distributedTo }),
          ' · ',
          when(receipt.distributedAt),
        )
      : null,
    receipt.handler && receipt.handler !== receipt.distributedTo
      ? h('li', null, t('dispatch.handler', { name: receipt.handler }))
      : null,
  );
}

function readings(receipt: DocumentReceipt): HTMLElement {
  return h(
    'ul',
    { class: 'plain' },
    ...receipt.readings.map((reading) =>
      h(
        'li',
        { data: { read: reading.readAt ? 'yes' : 'no' } },
        `${reading.reader}: `,
        reading.readAt ? when(reading.readAt) : t('dispatch.unread'),
        reading.dueAt ? ` (${t('dispatch.due')} ${formatDateTime(reading.dueAt)})` : '',
        reading.opinion ? ` — ${reading.opinion}` : '',
      ),
    ),
  );
}

/** The receiving unit head sets the 공람 due day (ending 18:00 in Korea) and may hand the document on (§18⑤). */
function headForm(documentId: string, receipt: DocumentReceipt, onChanged: () => void): HTMLElement {
  const due = h('input', { class: 'input', type: 'date', name: 'readingDueAt', 'aria-label': t('dispatch.head.due') });
  const handler = h('input', {
    class: 'input',
    name: 'handler',
    'aria-label': t('dispatch.head.handler'),
    placeholder: t('dispatch.head.handler'),
  });
  const submit = h('button', { type: 'submit', class: 'btn btn--secondary btn--small' }, t('dispatch.head.save'));
  const form = h('form', { class: 'document-receipt-head' }, due, handler, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(submit, async () => {
      try {
        await api.approvals.updateReceipt(documentId, receipt.id, {
          ...(due.value ? { readingDueAt: `${due.value}T18:00:00+09:00` } : {}),
          ...(handler.value.trim() ? { handler: handler.value.trim() } : {}),
        });
        notify(t('dispatch.head.saved'), 'success');
        onChanged();
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return form;
}

/** A new recipient (another agency by name and mail address) with the reason; the 처리과 head approves it. */
function resendForm(document: ApprovalDocument, onChanged: () => void): HTMLElement {
  const input = (name: string, label: string, type = 'text') =>
    h('input', { class: 'input', name, type, 'aria-label': label, placeholder: label });
  const agencyName = input('agencyName', t('dispatch.agencyName'));
  const email = input('email', t('dispatch.email'), 'email');
  const reason = input('reason', t('dispatch.reason'));
  const submit = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('dispatch.resend'));
  const form = h(
    'form',
    { class: 'document-resend' },
    h('p', { class: 'muted' }, t('dispatch.resendIntro')),
    agencyName,
    email,
    reason,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(submit, async () => {
      try {
        await api.approvals.resendApproval(document.id, {
          recipient: { agencyName: agencyName.value.trim(), email: email.value.trim() },
          reason: reason.value.trim(),
        });
        notify(t('dispatch.resendAsked'), 'success');
        onChanged();
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return form;
}
