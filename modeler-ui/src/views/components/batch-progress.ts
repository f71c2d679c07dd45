import { api, isAbort, type Batch } from '../../api';
import { h, replaceChildren } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';
import { errorBlock } from './status';

export interface BatchProgress {
  element: HTMLElement;
  /** Stops polling (the page is left); polling also stops by itself once the batch has completed. */
  stop(): void;
}

/**
 * A batch's progress, polled from GET /api/batches/:id until it completes: a progress bar over the items worked
 * (done and failed), the counts, and the failed items with why.
 */
export function batchProgress(
  batchId: string,
  { intervalMs = 1000, onDone }: { intervalMs?: number; onDone?: (batch: Batch) => void } = {},
): BatchProgress {
  const element = h('section', { class: 'batch-progress', 'aria-live': 'polite', data: { batchId } });
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    controller.abort();
    clearTimeout(timer);
  };

  const poll = async () => {
    try {
      const batch = await api.batches.getBatch(batchId, controller.signal);
      replaceChildren(element, ...render(batch));
      if (batch.state === 'COMPLETED') onDone?.(batch);
      else timer = setTimeout(() => void poll(), intervalMs);
    } catch (error) {
      if (isAbort(error)) return;
      replaceChildren(
        element,
        errorBlock(t('batch.loadFailed'), () => void poll()),
      );
    }
  };
  void poll();
  return { element, stop };
}

function render(batch: Batch): HTMLElement[] {
  const worked = batch.done + batch.failed;
  const title = h(
    'h3',
    { class: 'batch-progress__title' },
    t(`batch.operation.${batch.operation}` as MessageKey),
    ' ',
    h(
      'span',
      { class: ['badge', `badge--batch-${batch.state.toLowerCase()}`], data: { state: batch.state } },
      t(`batch.state.${batch.state}` as MessageKey),
    ),
  );
  const bar = h('progress', { class: 'batch-progress__bar', max: batch.total, value: worked });
  const counts = h(
    'p',
    { class: 'batch-progress__counts' },
    t('batch.counts', { done: batch.done, failed: batch.failed, total: batch.total }),
  );
  const failures = batch.failures?.length
    ? h(
        'details',
        { class: 'batch-progress__failures' },
        h('summary', null, t('batch.failures', { count: batch.failed })),
        h(
          'ul',
          null,
          ...batch.failures.map((failure) =>
            h('li', null, h('span', { class: 'mono' }, failure.instanceId), ' — ', failure.error ?? ''),
          ),
        ),
      )
    : null;
  return [title, bar, counts, ...(failures ? [failures] : [])];
}
