import { api, ApiError, isAbort, type FormSchema, type Task, type Variables } from '../api';
import { mountFormViewer, type MountedFormViewer } from '../forms/form-viewer';
import { acceptedNames, formKindFor } from '../forms/registry';
import { card, h, replaceChildren, uid, withBusy, type Child } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime, formatValue } from '../lib/format';
import { notify } from '../lib/notices';
import { href } from '../router';
import { getUser, isMe } from '../session';
import { t, type MessageKey } from '../i18n';
import { approvalRecordFor } from './components/approval-record';
import { classificationBadge } from './components/classification-badge';
import { dueDate } from './components/due-date';
import { createKvEditor } from './components/kv-editor';
import { errorBlock, loadingBlock } from './components/status';
import { taskAttachments } from './components/task-attachments';
import { taskComments, type TaskSection } from './components/task-comments';
import { taskDelegation } from './components/task-delegation';
import { taskPlan } from './components/task-plan';
import type { View, ViewContext } from './types';

/**
 * One task: its details, the instance variables (read-only), claim/unclaim, the completion form, and beside it the
 * task's comments, attachments, delegation and schedule.
 */
export const taskDetailView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  ctx.setTitle(t('task.info'));
  const back = h('p', { class: 'back' }, h('a', { href: href('/tasks') }, `← ${t('task.back')}`));
  ctx.outlet.replaceChildren(back, h('div', { 'aria-busy': 'true' }, loadingBlock()));

  let task: Task;
  try {
    task = await api.tasks.getTask(id, ctx.signal);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const notFound = err instanceof ApiError && err.status === 404;
    ctx.setTitle(notFound ? t('task.notFound') : t('error.title'));
    replaceChildren(
      ctx.outlet,
      back,
      h('h1', { class: 'page-title', tabindex: -1 }, notFound ? t('task.notFound') : t('error.title')),
      notFound ? null : errorBlock(errorMessage(err), () => ctx.navigate(`/tasks/${encodeURIComponent(id)}`)),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  new TaskPage(ctx, task, back).mount();
};

class TaskPage {
  private readonly title = h('h1', { class: 'page-title', tabindex: -1 });
  private readonly stateBadge = h('span', { class: 'badge' });
  private readonly classification = h('span');
  private readonly claimBar = h('div', { class: 'claim-bar' });
  private readonly info = h('dl', { class: 'info' });
  private readonly variables = h('div', { class: 'variables' });
  private readonly completion: Completion;
  private readonly sections: TaskSection[];

  constructor(
    private readonly ctx: ViewContext,
    private task: Task,
    private readonly back: HTMLElement,
  ) {
    const onTaskChanged = (updated: Task) => this.update(updated);
    this.completion = new Completion(ctx, task, onTaskChanged);
    this.sections = [
      taskComments(),
      taskAttachments(),
      taskDelegation({ onTaskChanged, draft: () => this.completion.draft(), signal: ctx.signal }),
      taskPlan(onTaskChanged),
    ];
  }

  mount(): void {
    this.ctx.outlet.replaceChildren(
      this.back,
      h(
        'div',
        { class: 'page-head' },
        h('div', { class: 'page-head__title' }, this.title, this.stateBadge, this.classification),
      ),
      this.claimBar,
      h(
        'div',
        { class: 'task-grid' },
        card(t('task.info'), null, this.info),
        card(t('task.variables'), null, this.variables),
      ),
      approvalRecordFor(this.task, this.ctx.signal) ?? '',
      this.completion.element,
      h('div', { class: 'task-grid' }, ...this.sections.map((section) => section.element)),
    );
    this.render();
  }

  private update(task: Task): void {
    this.task = task;
    this.render();
  }

  private render(): void {
    const task = this.task;
    this.ctx.setTitle(task.name || task.elementId);
    this.title.textContent = task.name || task.elementId;
    this.stateBadge.className = `badge badge--state-${task.state.toLowerCase()}`;
    this.stateBadge.textContent = t(`task.state.${task.state}` as MessageKey);
    replaceChildren(this.classification, classificationBadge(task.classification));
    this.renderClaimBar();
    this.renderInfo();
    this.renderVariables();
    this.completion.setTask(task);
    for (const section of this.sections) section.setTask(task);
  }

  private renderClaimBar(): void {
    const task = this.task;
    const children: Child[] = [];
    if (task.state !== 'CREATED') {
      children.push(
        h(
          'p',
          { class: 'claim-bar__text' },
          t('task.notActive', { state: t(`task.state.${task.state}` as MessageKey) }),
        ),
      );
    } else if (task.assignee && !isMe(task.assignee)) {
      children.push(h('p', { class: 'claim-bar__text' }, t('task.assignedToOther', { name: task.assignee })));
    } else {
      const mine = isMe(task.assignee);
      const button = h(
        'button',
        { type: 'button', class: mine ? 'btn btn--secondary' : 'btn btn--primary' },
        mine ? t('task.unclaim') : t('task.claim'),
      );
      button.addEventListener('click', () => void this.toggleClaim(button, mine));
      children.push(
        h(
          'p',
          { class: 'claim-bar__text' },
          `${t('task.field.assignee')}: ${mine ? (getUser()?.displayName ?? task.assignee) : t('tasks.unassigned')}`,
        ),
        button,
      );
    }
    replaceChildren(this.claimBar, ...children);
  }

  private async toggleClaim(button: HTMLButtonElement, mine: boolean): Promise<void> {
    await withBusy(button, async () => {
      try {
        const updated = mine ? await api.tasks.unclaimTask(this.task.id) : await api.tasks.claimTask(this.task.id);
        if (this.ctx.signal.aborted) return;
        this.update(updated);
        notify(mine ? t('task.unclaimed') : t('task.claimed'), 'success');
      } catch (err) {
        if (this.ctx.signal.aborted) return;
        notify(errorMessage(err), 'error');
        await this.reload();
      }
    });
    // The button was replaced; keep keyboard focus on its successor.
    this.claimBar.querySelector('button')?.focus();
  }

  async reload(): Promise<void> {
    try {
      const fresh = await api.tasks.getTask(this.task.id, this.ctx.signal);
      if (!this.ctx.signal.aborted) this.update(fresh);
    } catch {
      // the page keeps the last known state; the error notice is already shown
    }
  }

  private renderInfo(): void {
    const task = this.task;
    const candidates = [...task.candidateGroups, ...task.candidateUsers];
    const row = (key: MessageKey, ...value: Child[]): Child[] => [h('dt', null, t(key)), h('dd', null, ...value)];
    replaceChildren(
      this.info,
      ...row('task.field.process', task.processId),
      ...row('task.field.businessKey', h('span', { class: 'mono' }, task.businessKey || '—')),
      ...row('task.field.due', ...dueDate(task)),
      ...row('task.field.priority', String(task.priority)),
      ...row(
        'task.field.assignee',
        task.assignee
          ? isMe(task.assignee)
            ? (getUser()?.displayName ?? task.assignee)
            : task.assignee
          : t('tasks.unassigned'),
      ),
      ...row('task.field.candidates', candidates.length ? candidates.join(', ') : '—'),
      ...row('task.field.created', h('time', { datetime: task.createdAt }, formatDateTime(task.createdAt))),
      ...row('task.field.element', h('span', { class: 'mono' }, task.elementId)),
      ...row('task.field.instance', h('span', { class: 'mono' }, task.processInstanceId)),
    );
  }

  private renderVariables(): void {
    const entries = Object.entries(this.task.variables ?? {});
    if (!entries.length) {
      this.variables.replaceChildren(h('p', { class: 'muted' }, t('task.variablesEmpty')));
      return;
    }
    this.variables.replaceChildren(
      h(
        'table',
        { class: 'table table--compact' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('task.variable.name')),
            h('th', { scope: 'col' }, t('task.variable.value')),
          ),
        ),
        h(
          'tbody',
          null,
          ...entries.map(([name, value]) => {
            const text = formatValue(value);
            const structured = value !== null && typeof value === 'object';
            return h(
              'tr',
              null,
              h('th', { scope: 'row', class: 'mono' }, name),
              h(
                'td',
                null,
                structured
                  ? h('pre', { class: 'value-pre' }, text)
                  : h('span', { class: typeof value === 'string' ? '' : 'mono' }, text),
              ),
            );
          }),
        ),
      ),
    );
  }
}

/**
 * The completion form, as the server says the task accepts (`accepts`). A task with a form: that form (form-js),
 * prefilled from the instance variables, completing with its values. A task whose output mappings read some
 * names: the key/value editor limited to them and one "complete" button. Otherwise the decision: comment +
 * 승인/반려, completing with `{approved, comment?}`.
 */
class Completion {
  readonly element: HTMLElement;
  private readonly fieldset: HTMLFieldSetElement;
  private readonly error = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });
  private readonly buttons: HTMLButtonElement[] = [];
  /** The mounted form-js form, once loaded (schema kind only). */
  private viewer: MountedFormViewer | null = null;
  private task: Task;

  constructor(
    private readonly ctx: ViewContext,
    task: Task,
    private readonly onTaskChanged: (task: Task) => void,
  ) {
    this.task = task;
    const kind = formKindFor(task);
    const content: Child[] = [];

    if (kind === 'schema' && task.formSchema) {
      const host = h('div', { class: 'task-form' }, h('p', { class: 'muted' }, t('task.form.loading')));
      const done = h('button', { type: 'button', class: 'btn btn--primary btn--large' }, t('task.completeButton'));
      this.buttons.push(done);
      done.addEventListener('click', () => this.submitForm(host));
      // What a delegate handed back fills the form over the instance's values.
      void this.mountForm(host, task.formSchema, { ...task.variables, ...task.draftVariables });
      content.push(host, h('div', { class: 'decision' }, done));
    } else if (kind === 'decision') {
      const commentId = uid('comment');
      const commentHintId = uid('comment-hint');
      const comment = h('textarea', {
        id: commentId,
        name: 'comment',
        class: 'input',
        rows: 4,
        'aria-describedby': commentHintId,
      });
      const approve = h('button', { type: 'button', class: 'btn btn--approve btn--large' }, t('task.approve'));
      const reject = h('button', { type: 'button', class: 'btn btn--reject btn--large' }, t('task.reject'));
      this.buttons.push(approve, reject);
      const decide = (approved: boolean): void => {
        const variables: Variables = { approved };
        const text = comment.value.trim();
        if (text) variables.comment = text;
        void this.complete(variables);
      };
      approve.addEventListener('click', () => decide(true));
      reject.addEventListener('click', () => decide(false));
      content.push(
        h('p', { class: 'muted' }, t('task.decisionHint')),
        h(
          'div',
          { class: 'field' },
          h('label', { class: 'field__label', for: commentId }, t('task.comment')),
          h('p', { id: commentHintId, class: 'field__hint' }, t('task.commentHint')),
          comment,
        ),
        h('div', { class: 'decision' }, approve, reject),
      );
    } else {
      const names = acceptedNames(task);
      const kv = createKvEditor({ allowedKeys: names, hint: t('task.fieldsHint', { names: names.join(', ') }) });
      const done = h('button', { type: 'button', class: 'btn btn--primary btn--large' }, t('task.completeButton'));
      this.buttons.push(done);
      done.addEventListener('click', () => {
        const read = kv.read();
        if (!read.ok) return this.invalid(read.firstInvalid);
        void this.complete(read.variables);
      });
      content.push(kv.element, h('div', { class: 'decision' }, done));
    }

    this.fieldset = h(
      'fieldset',
      { class: 'completion__fields' },
      h('legend', { class: 'visually-hidden' }, t('task.complete')),
      ...content,
    );
    this.element = card(t('task.complete'), 'completion', this.error, this.fieldset);
  }

  setTask(task: Task): void {
    this.task = task;
    const open = task.state === 'CREATED' && (!task.assignee || isMe(task.assignee));
    this.fieldset.disabled = !open;
    this.element.classList.toggle('is-disabled', !open);
    // A delegate fills the form in but hands it back instead of completing (the delegation card's button).
    const delegatedToMe = task.delegationState === 'PENDING' && isMe(task.assignee);
    for (const button of this.buttons) button.hidden = delegatedToMe;
  }

  /** What the deployed form holds now, for a delegate to hand back; nothing for the other kinds of form. */
  draft(): Variables | undefined {
    return this.viewer?.submit().data;
  }

  /** Loads form-js and renders the form; it is destroyed when the page is left. */
  private async mountForm(host: HTMLElement, schema: FormSchema, variables: Variables): Promise<void> {
    const surface = h('div', { class: 'task-form__surface' });
    try {
      const viewer = await mountFormViewer(surface, schema, variables ?? {});
      if (this.ctx.signal.aborted) return viewer.destroy();
      this.viewer = viewer;
      this.ctx.signal.addEventListener('abort', () => viewer.destroy(), { once: true });
      host.replaceChildren(surface);
    } catch (err) {
      if (this.ctx.signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      host.replaceChildren(h('p', { class: 'form-error' }, t('task.form.loadFailed', { message })));
    }
  }

  /** form-js validates first and shows its messages under the fields; only a valid form completes the task. */
  private submitForm(host: HTMLElement): void {
    if (!this.viewer) return;
    this.showError(null);
    const { data, errors } = this.viewer.submit();
    if (Object.keys(errors).length) {
      this.showError(t('task.form.invalid'));
      host.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    void this.complete(data);
  }

  /** A refusal naming fields: their messages go under the fields, those the form lacks into the notice. */
  private showRefusedFields(err: ApiError, fields: Record<string, string>): void {
    if (!this.viewer) return this.showError(errorMessage(err));
    const unmatched = this.viewer.showFieldErrors(fields);
    const rest = unmatched.map((key) => `${key}: ${fields[key]}`);
    this.showError(t('task.form.serverRefused', { message: [err.message, ...rest].join(' · ') }));
  }

  private invalid(field: HTMLElement): void {
    this.showError(t('kv.errorsSummary'));
    const details = field.closest('details');
    if (details) details.open = true;
    field.focus();
  }

  private showError(message: string | null): void {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
  }

  private async complete(variables: Variables): Promise<void> {
    this.showError(null);
    await withBusy(this.buttons, async () => {
      try {
        await api.tasks.completeTask(this.task.id, variables);
        notify(t('tasks.completed', { name: this.task.name || this.task.elementId }), 'success', { keep: true });
        this.ctx.navigate('/tasks');
      } catch (err) {
        if (this.ctx.signal.aborted) return;
        if (err instanceof ApiError && err.status === 400 && err.fields) this.showRefusedFields(err, err.fields);
        else this.showError(errorMessage(err));
        this.error.focus();
        if (err instanceof ApiError && err.status === 409) {
          try {
            this.onTaskChanged(await api.tasks.getTask(this.task.id, this.ctx.signal));
          } catch {
            // keep showing the conflict message
          }
        }
      }
    });
  }
}
