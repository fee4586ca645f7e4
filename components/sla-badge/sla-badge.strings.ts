import { translator, type StringTables } from '../base/i18n.js';

type Key = 'left' | 'over' | 'warning' | 'breached' | 'paused' | 'met' | 'none' | 'sla' | 'due';

const tables: StringTables<Key> = {
  'zh-CN': {
    left: '剩余 {time}', over: '已超时 {time}', warning: '即将超时', breached: '已超时', paused: '已暂停', met: '已达成', none: '无时限', sla: 'SLA', due: '截止 {at}',
  },
  en: {
    left: '{time} left', over: '{time} overdue', warning: 'Due soon', breached: 'Breached', paused: 'Paused', met: 'Met', none: 'No SLA', sla: 'SLA', due: 'Due {at}',
  },
};

export const t = translator(tables);
