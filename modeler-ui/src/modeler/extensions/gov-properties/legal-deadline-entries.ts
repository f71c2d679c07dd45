/**
 * The legal deadline of a user task or catching timer: statutory rule, period, receipt instant and legal clock.
 * They are read from and written to one `legal deadline(...)` FEEL expression (bpmn/legal-deadline-call.ts); an
 * expression that is anything more is shown as hand-written and replaced only when a rule is chosen.
 */
import {
  NumberFieldEntry,
  SelectEntry,
  TextFieldEntry,
  isNumberFieldEntryEdited,
  isSelectEntryEdited,
  isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import {
  LEGAL_DEADLINE_UNITS,
  formatLegalDeadlineCall,
  parseLegalDeadlineCall,
  type LegalDeadlineCall,
} from '../../../../../bpmn/legal-deadline-call';
import { ruleNames, statutoryRules } from '../../../../../gov/calendar/rules';
import { t } from '../../../i18n';
import { execute, type BpmnFactory, type CommandStack, type DiagramElement } from './commands';
import type { DeadlineTarget } from './deadline-target';

interface DeadlineEntryProps {
  element: DiagramElement;
  id: string;
  target: DeadlineTarget;
}

/** What a newly chosen rule starts with; the analyst adjusts the period. */
const NEW_DEADLINE: Omit<LegalDeadlineCall, 'rule'> = { receivedAt: 'receivedAt', amount: 3, unit: 'days' };

export function legalDeadlineEntries(target: DeadlineTarget) {
  const entries = [{ id: 'gov-deadline-rule', component: RuleEntry, isEdited: isSelectEntryEdited, target }];
  if (!parseLegalDeadlineCall(target.read())) return entries;
  return [
    ...entries,
    { id: 'gov-deadline-amount', component: AmountEntry, isEdited: isNumberFieldEntryEdited, target },
    { id: 'gov-deadline-unit', component: UnitEntry, isEdited: isSelectEntryEdited, target },
    { id: 'gov-deadline-received-at', component: ReceivedAtEntry, isEdited: isTextFieldEntryEdited, target },
    { id: 'gov-deadline-clock', component: ClockEntry, isEdited: isTextFieldEntryEdited, target },
  ];
}

/** Writes the deadline with some parts changed, starting from what the element holds now. */
function useDeadlineWriter(target: DeadlineTarget) {
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  return {
    change(parts: Partial<LegalDeadlineCall>) {
      const current = parseLegalDeadlineCall(target.read()) ?? { rule: ruleNames[0] as string, ...NEW_DEADLINE };
      execute(commandStack, target.write(formatLegalDeadlineCall({ ...current, ...parts }), bpmnFactory));
    },
    remove() {
      execute(commandStack, target.write(undefined, bpmnFactory));
    },
  };
}

const current = (target: DeadlineTarget) => parseLegalDeadlineCall(target.read());

function RuleEntry({ element, id, target }: DeadlineEntryProps): unknown {
  const writer = useDeadlineWriter(target);
  const handWritten = target.read() !== undefined && !current(target);
  return h(SelectEntry, {
    element,
    id,
    label: t('gov.deadline.rule'),
    description: handWritten
      ? t('gov.deadline.custom')
      : t(target.kind === 'userTask' ? 'gov.deadline.ruleDescription.userTask' : 'gov.deadline.ruleDescription.timer'),
    getValue: () => current(target)?.rule ?? '',
    setValue: (rule: string) => (rule ? writer.change({ rule }) : writer.remove()),
    getOptions: () => [
      { value: '', label: t('gov.deadline.ruleNone') },
      ...ruleNames.map((name) => ({ value: name, label: `${statutoryRules[name].title} (${name})` })),
    ],
  });
}

function AmountEntry({ element, id, target }: DeadlineEntryProps): unknown {
  const writer = useDeadlineWriter(target);
  return h(NumberFieldEntry, {
    element,
    id,
    label: t('gov.deadline.amount'),
    debounce: useService('debounceInput'),
    min: 0,
    step: 1,
    getValue: () => current(target)?.amount,
    setValue: (amount: number | undefined) => {
      if (Number.isInteger(Number(amount)) && Number(amount) >= 0) writer.change({ amount: Number(amount) });
    },
  });
}

function UnitEntry({ element, id, target }: DeadlineEntryProps): unknown {
  const writer = useDeadlineWriter(target);
  return h(SelectEntry, {
    element,
    id,
    label: t('gov.deadline.unit'),
    getValue: () => current(target)?.unit ?? 'days',
    setValue: (unit: string) => {
      const known = LEGAL_DEADLINE_UNITS.find((candidate) => candidate === unit);
      if (known) writer.change({ unit: known });
    },
    getOptions: () => LEGAL_DEADLINE_UNITS.map((unit) => ({ value: unit, label: t(`gov.deadline.unit.${unit}`) })),
  });
}

function ReceivedAtEntry({ element, id, target }: DeadlineEntryProps): unknown {
  const writer = useDeadlineWriter(target);
  return h(TextFieldEntry, {
    element,
    id,
    label: t('gov.deadline.receivedAt'),
    description: t('gov.deadline.receivedAtDescription'),
    debounce: useService('debounceInput'),
    getValue: () => current(target)?.receivedAt,
    setValue: (receivedAt: string | undefined) =>
      writer.change({ receivedAt: receivedAt?.trim() || NEW_DEADLINE.receivedAt }),
  });
}

function ClockEntry({ element, id, target }: DeadlineEntryProps): unknown {
  const writer = useDeadlineWriter(target);
  return h(TextFieldEntry, {
    element,
    id,
    label: t('gov.deadline.clock'),
    description: t('gov.deadline.clockDescription'),
    debounce: useService('debounceInput'),
    getValue: () => current(target)?.clock,
    setValue: (clock: string | undefined) => writer.change({ clock: clock?.trim() || undefined }),
  });
}
