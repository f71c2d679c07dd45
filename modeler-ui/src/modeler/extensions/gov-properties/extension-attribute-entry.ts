/** An entry that edits one attribute of an extension element (gov:legalClock clock, gov:approvalLine line, ...). */
import { SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { extensionElement, stringProperty, type ModdleElement } from '../moddle-element';
import {
  execute,
  updateExtensionAttributes,
  type BpmnFactory,
  type CommandStack,
  type DiagramElement,
} from './commands';

export interface ExtensionAttributeEntryProps {
  element: DiagramElement;
  id: string;
  /** The element that holds the extension: the task or event itself, or the process of a participant. */
  owner: ModdleElement;
  type: string;
  attribute: string;
  label: string;
  description?: string;
  /** A choice instead of free text; the empty value removes the attribute. */
  options?: Array<{ value: string; label: string }>;
}

export function ExtensionAttributeEntry(props: ExtensionAttributeEntryProps): unknown {
  const { element, id, owner, type, attribute, label, description, options } = props;
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useService('debounceInput');
  const getValue = () => stringProperty(extensionElement(owner, type), attribute) ?? '';
  const setValue = (value: string | undefined) =>
    execute(
      commandStack,
      updateExtensionAttributes(element, owner, type, { [attribute]: value?.trim() || undefined }, bpmnFactory),
    );
  const common = { element, id, label, description, getValue, setValue };
  return options
    ? h(SelectEntry, { ...common, getOptions: () => options })
    : h(TextFieldEntry, { ...common, debounce });
}
