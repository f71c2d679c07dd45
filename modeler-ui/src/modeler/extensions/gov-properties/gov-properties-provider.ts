/**
 * The `gov:` group of the properties panel: on the elements where the compiler honours them, a legal deadline
 * (user tasks and catching timers), the legal clock action (none intermediate throw events), and the approval line
 * (user tasks) and records classification (processes) that later issues will give meaning to. Every attribute it
 * writes is declared in bpmn/gov.json.
 */
import { isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { t } from '../../../i18n';
import { isModdleElement, type ModdleElement } from '../moddle-element';
import type { DiagramElement } from './commands';
import { deadlineTarget } from './deadline-target';
import { ExtensionAttributeEntry } from './extension-attribute-entry';
import { legalDeadlineEntries } from './legal-deadline-entries';

interface Group {
  id: string;
  label: string;
  entries: object[];
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: GovPropertiesProvider): void;
}

/** Below the BPMN and Zeebe providers (500), so their groups exist when ours is placed after "general". */
const PRIORITY = 400;

export class GovPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: PropertiesPanel) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: DiagramElement): (groups: Group[]) => Group[] {
    return (groups) => {
      const entries = govEntries(element);
      if (entries.length === 0) return groups;
      const general = groups.findIndex((group) => group.id === 'general');
      groups.splice(general + 1, 0, { id: 'gov', label: t('gov.group'), entries });
      return groups;
    };
  }
}

function govEntries(element: DiagramElement): object[] {
  const owner = element.businessObject;
  const target = deadlineTarget(element);
  const process = processOf(owner);
  return [
    ...(target ? legalDeadlineEntries(target) : []),
    ...(isNoneThrowEvent(owner) ? legalClockEntries(owner) : []),
    ...(owner.$instanceOf('bpmn:UserTask')
      ? [
          {
            id: 'gov-approval-line',
            component: ExtensionAttributeEntry,
            isEdited: isTextFieldEntryEdited,
            owner,
            type: 'gov:ApprovalLine',
            attribute: 'line',
            label: t('gov.approvalLine'),
            description: t('gov.approvalLineDescription'),
          },
        ]
      : []),
    ...(process
      ? [
          {
            id: 'gov-classification',
            component: ExtensionAttributeEntry,
            isEdited: isTextFieldEntryEdited,
            owner: process,
            type: 'gov:Classification',
            attribute: 'code',
            label: t('gov.classification'),
            description: t('gov.classificationDescription'),
          },
        ]
      : []),
  ];
}

function legalClockEntries(event: ModdleElement): object[] {
  const clock = { component: ExtensionAttributeEntry, owner: event, type: 'gov:LegalClock' };
  return [
    {
      ...clock,
      id: 'gov-clock-name',
      isEdited: isTextFieldEntryEdited,
      attribute: 'clock',
      label: t('gov.clock.name'),
    },
    {
      ...clock,
      id: 'gov-clock-action',
      isEdited: isSelectEntryEdited,
      attribute: 'action',
      label: t('gov.clock.action'),
      options: [
        { value: '', label: t('gov.clock.actionNone') },
        { value: 'stop', label: t('gov.clock.stop') },
        { value: 'resume', label: t('gov.clock.resume') },
      ],
    },
  ];
}

/** The compiler honours gov:legalClock only on an intermediate throw event without an event definition. */
function isNoneThrowEvent(element: ModdleElement): boolean {
  const definitions = element.get('eventDefinitions');
  return element.$instanceOf('bpmn:IntermediateThrowEvent') && !(Array.isArray(definitions) && definitions.length > 0);
}

/** The process a selection stands for: the canvas root of a process diagram, or a pool's process. */
function processOf(element: ModdleElement): ModdleElement | undefined {
  if (element.$instanceOf('bpmn:Process')) return element;
  const processRef = element.$instanceOf('bpmn:Participant') ? element.get('processRef') : undefined;
  return isModdleElement(processRef) ? processRef : undefined;
}
