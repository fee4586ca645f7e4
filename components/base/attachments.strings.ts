import { translator, type StringTables } from './i18n.js';

type Key =
  | 'label' | 'optional' | 'hint' | 'image' | 'video' | 'chosen' | 'remove' | 'uploading' | 'list'
  | 'err.too_large' | 'err.type_not_allowed' | 'err.too_short' | 'err.too_many' | 'err.other' | 'draftFiles';

const tables: StringTables<Key> = {
  'zh-CN': {
    label: '照片或视频', optional: '（选填）', hint: '可添加{types}，每个不超过 {size}，最多 {n} 个。也可以把文件拖到这里。', image: '图片', video: '视频',
    chosen: '已添加的文件', remove: '移除 {name}', uploading: '正在上传 {name}', list: '附件',
    'err.too_large': '“{name}”太大了，每个文件不能超过 {size}。', 'err.type_not_allowed': '不支持“{name}”的文件类型，请添加{types}。',
    'err.too_short': '“{name}”是空文件。', 'err.too_many': '最多只能添加 {n} 个文件。', 'err.other': '无法添加“{name}”。',
    draftFiles: '附件不会随草稿保存，请重新添加：{names}',
  },
  en: {
    label: 'Photos or videos', optional: '(optional)', hint: 'Add {types}: up to {size} each, at most {n} files. You can also drop files here.', image: 'images', video: 'videos',
    chosen: 'Files added', remove: 'Remove {name}', uploading: 'Uploading {name}', list: 'Attachments',
    'err.too_large': '“{name}” is too large: at most {size} per file.', 'err.type_not_allowed': '“{name}” is not a file type we accept: please add {types}.',
    'err.too_short': '“{name}” is empty.', 'err.too_many': 'You can add at most {n} files.', 'err.other': 'Could not add “{name}”.',
    draftFiles: 'Attachments are not kept in the draft; please add them again: {names}',
  },
};

export const t = translator(tables);
