import { translator, type StringTables } from '../base/i18n.js';

type Key = 'label' | 'placeholder' | 'search' | 'searching' | 'results' | 'none' | 'count' | 'back' | 'error' | 'loadingArticle';

const tables: StringTables<Key> = {
  'zh-CN': {
    label: '搜索帮助文章', placeholder: '例如：空调不制冷、发票、E1 故障码', search: '搜索', searching: '正在搜索…', results: '搜索结果',
    none: '没有找到相关文章。可以换个说法，或直接提交工单。', count: '找到 {n} 篇相关文章', back: '返回搜索结果', error: '搜索失败：{message}', loadingArticle: '正在打开文章…',
  },
  en: {
    label: 'Search help articles', placeholder: 'e.g. air conditioner not cooling, invoice, error E1', search: 'Search', searching: 'Searching…', results: 'Results',
    none: 'No matching articles. Try other words, or submit a request.', count: '{n} matching articles', back: 'Back to results', error: 'Search failed: {message}', loadingArticle: 'Opening the article…',
  },
};

export const t = translator(tables);
