import { h } from '../lib/dom';
import { href } from '../router';
import { t } from '../i18n';
import type { View } from './types';

export const notFoundView: View = (ctx) => {
  ctx.setTitle(t('error.notFoundPage'));
  ctx.outlet.replaceChildren(
    h('h1', { class: 'page-title', tabindex: -1 }, t('error.notFoundPage')),
    h('p', null, h('a', { href: href('/tasks') }, t('task.back'))),
  );
};
