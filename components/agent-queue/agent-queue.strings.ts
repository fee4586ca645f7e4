import { translator, type StringTables } from '../base/i18n.js';

type Key =
  | 'label' | 'views' | 'view.mine' | 'view.unassigned' | 'view.all' | 'view.breaching' | 'search' | 'searchHint' | 'filters' | 'clearFilters' | 'any'
  | 'f.status' | 'f.priority' | 'f.group' | 'f.type' | 'f.channel' | 'f.tier' | 'f.tag' | 'f.model' | 'sort' | 'sort.urgency' | 'sort.priority' | 'sort.age' | 'sort.updated'
  | 'layout' | 'layout.list' | 'layout.board' | 'boardBy' | 'boardBy.status' | 'boardBy.group' | 'noGroup'
  | 'col.select' | 'col.number' | 'col.subject' | 'col.customer' | 'col.status' | 'col.priority' | 'col.assignee' | 'col.sla' | 'col.updated' | 'col.actions'
  | 'p.low' | 'p.normal' | 'p.high' | 'p.urgent' | 'tier.vip' | 'tier.standard' | 'unassigned' | 'selectRow' | 'claim' | 'claimNamed' | 'selected' | 'clearSelection'
  | 'assignTo' | 'assign' | 'chooseAgent' | 'transition' | 'chooseAction' | 'apply' | 'cancel' | 'note' | 'noteFor' | 'suggested' | 'suggestion' | 'noSuggestion'
  | 'loading' | 'empty' | 'emptyFiltered' | 'showing' | 'loadMore' | 'showAll' | 'backlog' | 'error' | 'retry'
  | 'a.claimed' | 'a.assigned' | 'a.transitioned' | 'a.failed' | 'a.partial' | 'a.updated' | 'a.count' | 'keys'
  | 'drop.offline' | 'drop.off_shift' | 'drop.at_capacity' | 'drop.skills_missing' | 'drop.no_location' | 'drop.out_of_range' | 'drop.outranked' | 'chosen' | 'queuedReason' | 'selectHint'
  | 'ch.web' | 'ch.email' | 'ch.chat' | 'ch.phone' | 'ch.wechat' | 'ch.mini-program' | 'ch.qr' | 'ch.api';

const tables: StringTables<Key> = {
  'zh-CN': {
    label: '工单队列', views: '视图', 'view.mine': '我的', 'view.unassigned': '未分配', 'view.all': '全部', 'view.breaching': '即将/已超时',
    search: '搜索工单', searchHint: '单号、标题、客户、型号、标签', filters: '筛选', clearFilters: '清除筛选', any: '全部',
    'f.status': '状态', 'f.priority': '优先级', 'f.group': '组', 'f.type': '类型', 'f.channel': '渠道', 'f.tier': '客户等级', 'f.tag': '标签', 'f.model': '产品型号',
    sort: '排序', 'sort.urgency': 'SLA 紧急程度', 'sort.priority': '优先级', 'sort.age': '最早创建', 'sort.updated': '最近更新',
    layout: '布局', 'layout.list': '列表', 'layout.board': '看板', boardBy: '看板分列', 'boardBy.status': '按状态', 'boardBy.group': '按组', noGroup: '未分组',
    'col.select': '选择', 'col.number': '单号', 'col.subject': '标题', 'col.customer': '客户', 'col.status': '状态', 'col.priority': '优先级', 'col.assignee': '处理人', 'col.sla': 'SLA', 'col.updated': '更新时间', 'col.actions': '操作',
    'p.low': '低', 'p.normal': '普通', 'p.high': '高', 'p.urgent': '紧急', 'tier.vip': 'VIP', 'tier.standard': '普通',
    unassigned: '未分配', selectRow: '选择 {number}', claim: '认领', claimNamed: '认领 {number}', selected: '已选 {n} 单', clearSelection: '取消选择',
    assignTo: '分配给…', assign: '分配', chooseAgent: '处理人', transition: '批量操作', chooseAction: '操作', apply: '执行', cancel: '取消', note: '说明', noteFor: '{action}：请填写说明',
    suggested: '（推荐）', suggestion: '路由推荐', noSuggestion: '路由规则没有推荐人选。',
    loading: '正在加载工单…', empty: '这个视图里没有工单。', emptyFiltered: '没有符合筛选条件的工单。', showing: '显示 {shown} / {total} 单', loadMore: '加载更多', showAll: '查看全部 {n} 单', backlog: '{n} 单',
    error: '无法加载队列：{message}', retry: '重试',
    'a.claimed': '已认领 {number}', 'a.assigned': '已将 {n} 单分配给 {name}', 'a.transitioned': '已对 {n} 单执行“{action}”', 'a.failed': '操作失败：{message}', 'a.partial': '{ok} 单成功，{failed} 单失败：{message}',
    'a.updated': '队列已更新', 'a.count': '{n} 单', keys: '方向键或 j/k 移动，回车打开，空格选择，Shift 加方向键连选',
    'drop.offline': '离线', 'drop.off_shift': '不在班', 'drop.at_capacity': '已满负荷', 'drop.skills_missing': '技能不符', 'drop.no_location': '无位置', 'drop.out_of_range': '超出服务半径', 'drop.outranked': '排名靠后', chosen: '选中', selectHint: '勾选工单后可批量认领、分配或处理', queuedReason: '进入组队列：{reason}',
    'ch.web': '网页', 'ch.email': '邮件', 'ch.chat': '在线客服', 'ch.phone': '电话', 'ch.wechat': '微信', 'ch.mini-program': '小程序', 'ch.qr': '扫码', 'ch.api': 'API',
  },
  en: {
    label: 'Ticket queue', views: 'Views', 'view.mine': 'Mine', 'view.unassigned': 'Unassigned', 'view.all': 'All', 'view.breaching': 'Breaching',
    search: 'Search tickets', searchHint: 'Number, subject, customer, model, tag', filters: 'Filters', clearFilters: 'Clear filters', any: 'Any',
    'f.status': 'Status', 'f.priority': 'Priority', 'f.group': 'Group', 'f.type': 'Type', 'f.channel': 'Channel', 'f.tier': 'Customer tier', 'f.tag': 'Tag', 'f.model': 'Product model',
    sort: 'Sort by', 'sort.urgency': 'SLA urgency', 'sort.priority': 'Priority', 'sort.age': 'Oldest first', 'sort.updated': 'Recently updated',
    layout: 'Layout', 'layout.list': 'List', 'layout.board': 'Board', boardBy: 'Board columns', 'boardBy.status': 'By status', 'boardBy.group': 'By group', noGroup: 'No group',
    'col.select': 'Select', 'col.number': 'Number', 'col.subject': 'Subject', 'col.customer': 'Customer', 'col.status': 'Status', 'col.priority': 'Priority', 'col.assignee': 'Assignee', 'col.sla': 'SLA', 'col.updated': 'Updated', 'col.actions': 'Actions',
    'p.low': 'Low', 'p.normal': 'Normal', 'p.high': 'High', 'p.urgent': 'Urgent', 'tier.vip': 'VIP', 'tier.standard': 'Standard',
    unassigned: 'Unassigned', selectRow: 'Select {number}', claim: 'Claim', claimNamed: 'Claim {number}', selected: '{n} selected', clearSelection: 'Clear selection',
    assignTo: 'Assign to…', assign: 'Assign', chooseAgent: 'Assignee', transition: 'Bulk action', chooseAction: 'Action', apply: 'Apply', cancel: 'Cancel', note: 'Note', noteFor: '{action}: add a note',
    suggested: ' (suggested)', suggestion: 'Routing suggestion', noSuggestion: 'The routing rules suggest no one.',
    loading: 'Loading tickets…', empty: 'No tickets in this view.', emptyFiltered: 'No tickets match the filters.', showing: 'Showing {shown} of {total}', loadMore: 'Load more', showAll: 'Show all {n}', backlog: '{n} tickets',
    error: 'Could not load the queue: {message}', retry: 'Retry',
    'a.claimed': 'Claimed {number}', 'a.assigned': 'Assigned {n} to {name}', 'a.transitioned': '“{action}” done on {n}', 'a.failed': 'Failed: {message}', 'a.partial': '{ok} done, {failed} failed: {message}',
    'a.updated': 'Queue updated', 'a.count': '{n} tickets', keys: 'Arrow keys or j/k move, Enter opens, Space selects, Shift+arrows extend the selection',
    'drop.offline': 'offline', 'drop.off_shift': 'off shift', 'drop.at_capacity': 'at capacity', 'drop.skills_missing': 'skills missing', 'drop.no_location': 'no location', 'drop.out_of_range': 'out of range', 'drop.outranked': 'outranked', chosen: 'chosen', selectHint: 'Select tickets to claim, assign or move them together', queuedReason: 'Queued for the group: {reason}',
    'ch.web': 'Web', 'ch.email': 'E-mail', 'ch.chat': 'Chat', 'ch.phone': 'Phone', 'ch.wechat': 'WeChat', 'ch.mini-program': 'Mini-program', 'ch.qr': 'QR code', 'ch.api': 'API',
  },
};

export const t = translator(tables);
