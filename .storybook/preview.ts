import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Locale of every element',
      toolbar: { title: 'Locale', icon: 'globe', items: ['zh-CN', 'en'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'zh-CN' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals.locale ?? 'zh-CN');
      return story();
    },
  ],
};

export default preview;
