/**
 * The page test/ui/gov-properties.test.ts bundles: the Camunda 8 modeler with exactly what the extensions index
 * exports, mounted the way the modeler page mounts it, exposed on `window.modeler`.
 */
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import { elementTemplates, extensionModules, moddleExtensions } from '../../modeler-ui/src/modeler/extensions';

Object.assign(window, {
  modeler: new Modeler({
    container: '#canvas',
    propertiesPanel: { parent: '#panel' },
    additionalModules: extensionModules,
    moddleExtensions,
    elementTemplates,
  }),
});
