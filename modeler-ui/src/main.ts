/** Entry point of the On-Nara BPS web app (bundled by modeler-ui/build.ts). */
import './styles/main.css';
import { startApp } from './app';

const root = document.getElementById('app');
if (!root) throw new Error('modeler-ui: #app element missing from index.html');
void startApp(root);
