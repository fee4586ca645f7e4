import { translator, type StringTables } from '../base/i18n.js';

type Key =
  | 'loading' | 'notFound' | 'error' | 'number' | 'priority' | 'priority.low' | 'priority.normal' | 'priority.high' | 'priority.urgent' | 'escalated'
  | 'sla' | 'metric.first_response' | 'metric.next_response' | 'metric.periodic_update' | 'metric.resolution' | 'due'
  | 'customer' | 'name' | 'tier.vip' | 'tier.standard' | 'organization' | 'phone' | 'email' | 'wechat' | 'product' | 'model' | 'serial' | 'purchased'
  | 'warranty' | 'warranty.in_warranty' | 'warranty.expired' | 'warranty.unknown'
  | 'people' | 'assignee' | 'unassigned' | 'collaborators' | 'noCollaborators' | 'removeCollaborator' | 'addCollaborator' | 'colleague' | 'add' | 'assignTo' | 'assign'
  | 'links' | 'mergedInto' | 'mergedFrom' | 'parent' | 'child' | 'openTicket'
  | 'actions' | 'claim' | 'merge' | 'split' | 'kbAdd' | 'readOnly'
  | 'timeline' | 'kind.reply' | 'kind.note' | 'mentions' | 'you' | 'system'
  | 'ev.created' | 'ev.status' | 'ev.assigned' | 'ev.unassigned' | 'ev.group' | 'ev.field' | 'ev.escalated' | 'ev.rated' | 'ev.automation'
  | 'ev.mergedInto' | 'ev.mergedFrom' | 'ev.linkedChild' | 'ev.linkedParent' | 'ev.other' | 'action.merge'
  | 'compose' | 'mode.reply' | 'mode.note' | 'label.reply' | 'label.note' | 'send.reply' | 'send.note' | 'sending' | 'sent.reply' | 'sent.note'
  | 'err.empty' | 'err.send' | 'mentionList' | 'mentionCount' | 'mentionNone' | 'mentioned'
  | 'files' | 'macros' | 'macroPick' | 'insert' | 'missing' | 'suggestions' | 'insertArticle' | 'articleRef' | 'shortcut'
  | 'cancel' | 'note.resolve' | 'note.request_info' | 'note.return_to_queue' | 'note.escalate' | 'note.other' | 'hint.public' | 'hint.internal'
  | 'schedule' | 'err.required' | 'raisePriority' | 'keepPriority'
  | 'mergeTitle' | 'mergeHelp' | 'mergeTarget' | 'mergeNone' | 'mergeConfirm' | 'mergeLoading'
  | 'splitTitle' | 'group' | 'groupPick' | 'splitSubject' | 'splitDescription' | 'splitConfirm'
  | 'draftTitle' | 'draftHeading' | 'draftBody' | 'draftTags' | 'review.redacted' | 'review.no_symptoms' | 'draftSave' | 'draftDiscard' | 'draftSaved'
  | 'done' | 'updated' | 'claimed' | 'merged' | 'splitDone' | 'collaboratorAdded' | 'collaboratorRemoved' | 'assigned'
  | 'err.action' | 'err.conflict' | 'err.same_customer' | 'err.target_status' | 'err.guard' | 'err.invalid';

const tables: StringTables<Key> = {
  'zh-CN': {
    loading: '正在加载工单…', notFound: '没有找到这个工单。', error: '工单加载失败：{message}', number: '工单号',
    priority: '优先级', 'priority.low': '低', 'priority.normal': '普通', 'priority.high': '高', 'priority.urgent': '紧急', escalated: '已升级 {n} 次',
    sla: '服务时限', 'metric.first_response': '首次响应', 'metric.next_response': '下次回复', 'metric.periodic_update': '进展更新', 'metric.resolution': '解决', due: '截止',
    customer: '客户', name: '姓名', 'tier.vip': 'VIP 客户', 'tier.standard': '普通客户', organization: '单位', phone: '电话', email: '邮箱', wechat: '微信',
    product: '产品', model: '型号', serial: '序列号', purchased: '购买日期', warranty: '保修',
    'warranty.in_warranty': '保修期内（至 {date}）', 'warranty.expired': '已过保（{date} 到期）', 'warranty.unknown': '未知：没有购买日期',
    people: '处理人员', assignee: '负责人', unassigned: '未分派', collaborators: '协作人', noCollaborators: '暂无协作人',
    removeCollaborator: '移除协作人 {name}', addCollaborator: '添加协作人', colleague: '同事', add: '添加', assignTo: '改派给', assign: '分派',
    links: '关联工单', mergedInto: '已合并到 {number}', mergedFrom: '已并入：{number}', parent: '上级工单：{number}', child: '子任务：{number}（{group}）', openTicket: '打开工单 {number}',
    actions: '操作', claim: '认领', merge: '合并到其他工单…', split: '拆分子任务…', kbAdd: '加入知识库', readOnly: '没有指定坐席（agent-id），只能查看。',
    timeline: '处理记录', 'kind.reply': '公开回复', 'kind.note': '内部备注 · 客户看不到', mentions: '提及：{names}', you: '我', system: '系统',
    'ev.created': '创建了工单', 'ev.status': '{action}：{from} → {to}', 'ev.assigned': '分派给 {name}', 'ev.unassigned': '退回队列', 'ev.group': '转到 {group} 组',
    'ev.field': '修改了 {field}', 'ev.escalated': '升级到第 {level} 级', 'ev.rated': '客户评价 {score} 星', 'ev.automation': '自动规则“{rule}”已执行',
    'ev.mergedInto': '合并到 {number}', 'ev.mergedFrom': '{number} 合并到本工单', 'ev.linkedChild': '拆分子任务 {number} 给 {group}', 'ev.linkedParent': '作为 {number} 的子任务创建', 'ev.other': '工单有更新',
    'action.merge': '合并',
    compose: '回复或备注', 'mode.reply': '公开回复', 'mode.note': '内部备注', 'label.reply': '回复客户（客户可见）', 'label.note': '内部备注（客户看不到；输入 @ 提及同事）',
    'send.reply': '发送回复', 'send.note': '添加备注', sending: '正在发送…', 'sent.reply': '回复已发送', 'sent.note': '备注已添加',
    'err.empty': '请先写内容', 'err.send': '发送失败：{message}。内容已保留。',
    mentionList: '提及同事', mentionCount: '{n} 位同事匹配，用上下方向键选择，回车确认，Esc 关闭', mentionNone: '没有匹配的同事', mentioned: '已提及 {name}',
    files: '附件', macros: '快捷回复', macroPick: '选择快捷回复…', insert: '插入', missing: '发送前请补全：{names}',
    suggestions: '相关知识', insertArticle: '在回复中引用“{title}”', articleRef: '参考文章：《{title}》', shortcut: 'Ctrl+Enter 发送',
    cancel: '取消', 'note.resolve': '解决说明', 'note.request_info': '要请客户补充的问题', 'note.return_to_queue': '退单原因', 'note.escalate': '升级原因（选填）', 'note.other': '说明',
    'hint.public': '客户会看到这段文字。', 'hint.internal': '只有同事能看到。',
    schedule: '上门时间', 'err.required': '请填写{label}', raisePriority: '同时调整优先级', keepPriority: '不变',
    mergeTitle: '合并重复工单', mergeHelp: '本工单会关闭，并指向所选工单；客户可以在那里继续跟进。', mergeTarget: '合并到', mergeNone: '这位客户没有其他未关闭的工单。', mergeConfirm: '合并并关闭本工单', mergeLoading: '正在查找这位客户的其他工单…',
    splitTitle: '拆分子任务给其他部门', group: '部门（组）', groupPick: '选择部门…', splitSubject: '子任务标题', splitDescription: '需要对方做什么', splitConfirm: '创建子任务',
    draftTitle: '知识库草稿', draftHeading: '标题', draftBody: '正文', draftTags: '标签（用逗号分隔）',
    'review.redacted': '已隐去客户姓名和联系方式，请核对。', 'review.no_symptoms': '工单没有问题描述，请补充问题现象。', draftSave: '提交知识库审核', draftDiscard: '放弃草稿', draftSaved: '草稿“{title}”已提交审核',
    done: '{action}完成，当前状态：{status}', updated: '工单有更新，当前状态：{status}', claimed: '已认领，负责人：{name}', merged: '已合并到 {number}，本工单已关闭', splitDone: '已创建子任务 {number}',
    collaboratorAdded: '已添加协作人 {name}', collaboratorRemoved: '已移除协作人 {name}', assigned: '已分派给 {name}',
    'err.action': '操作失败：{message}', 'err.conflict': '工单刚被别人修改过，已刷新，请确认后再试一次。', 'err.same_customer': '只能合并同一位客户的工单；不同客户的工单请拆分或关联。',
    'err.target_status': '目标工单已关闭，不能合并。', 'err.guard': '这个操作现在不能进行（{reason}）。', 'err.invalid': '这个操作现在不能进行：{message}',
  },
  en: {
    loading: 'Loading the ticket…', notFound: 'There is no such ticket.', error: 'Could not load the ticket: {message}', number: 'Ticket',
    priority: 'Priority', 'priority.low': 'Low', 'priority.normal': 'Normal', 'priority.high': 'High', 'priority.urgent': 'Urgent', escalated: 'Escalated {n}×',
    sla: 'Service levels', 'metric.first_response': 'First response', 'metric.next_response': 'Next response', 'metric.periodic_update': 'Update', 'metric.resolution': 'Resolution', due: 'due',
    customer: 'Customer', name: 'Name', 'tier.vip': 'VIP customer', 'tier.standard': 'Standard customer', organization: 'Organisation', phone: 'Phone', email: 'E-mail', wechat: 'WeChat',
    product: 'Product', model: 'Model', serial: 'Serial number', purchased: 'Purchased', warranty: 'Warranty',
    'warranty.in_warranty': 'In warranty (until {date})', 'warranty.expired': 'Out of warranty (ended {date})', 'warranty.unknown': 'Unknown: no purchase date',
    people: 'People', assignee: 'Assignee', unassigned: 'Unassigned', collaborators: 'Collaborators', noCollaborators: 'No collaborators',
    removeCollaborator: 'Remove collaborator {name}', addCollaborator: 'Add a collaborator', colleague: 'Colleague', add: 'Add', assignTo: 'Reassign to', assign: 'Assign',
    links: 'Related tickets', mergedInto: 'Merged into {number}', mergedFrom: 'Merged in: {number}', parent: 'Parent: {number}', child: 'Sub-task: {number} ({group})', openTicket: 'Open ticket {number}',
    actions: 'Actions', claim: 'Claim', merge: 'Merge into another ticket…', split: 'Sub-task for another department…', kbAdd: 'Add to knowledge base', readOnly: 'No agent given (agent-id): read only.',
    timeline: 'History', 'kind.reply': 'Public reply', 'kind.note': 'Internal note · not visible to the customer', mentions: 'Mentions: {names}', you: 'Me', system: 'System',
    'ev.created': 'created the ticket', 'ev.status': '{action}: {from} → {to}', 'ev.assigned': 'assigned it to {name}', 'ev.unassigned': 'returned it to the queue', 'ev.group': 'moved it to group {group}',
    'ev.field': 'changed {field}', 'ev.escalated': 'escalated to level {level}', 'ev.rated': 'Customer rated {score} stars', 'ev.automation': 'Automation “{rule}” ran',
    'ev.mergedInto': 'merged it into {number}', 'ev.mergedFrom': 'merged {number} into this ticket', 'ev.linkedChild': 'split off sub-task {number} for {group}', 'ev.linkedParent': 'created it as a sub-task of {number}', 'ev.other': 'updated the ticket',
    'action.merge': 'Merge',
    compose: 'Reply or note', 'mode.reply': 'Public reply', 'mode.note': 'Internal note', 'label.reply': 'Reply to the customer (the customer sees it)', 'label.note': 'Internal note (not visible to the customer; type @ to mention a colleague)',
    'send.reply': 'Send reply', 'send.note': 'Add note', sending: 'Sending…', 'sent.reply': 'Reply sent', 'sent.note': 'Note added',
    'err.empty': 'Please write something first', 'err.send': 'Could not send: {message}. Your text is kept.',
    mentionList: 'Mention a colleague', mentionCount: '{n} colleagues match: arrow keys to choose, Enter to insert, Escape to close', mentionNone: 'No colleague matches', mentioned: 'Mentioned {name}',
    files: 'Attachments', macros: 'Canned response', macroPick: 'Choose a canned response…', insert: 'Insert', missing: 'Fill in before sending: {names}',
    suggestions: 'Related articles', insertArticle: 'Quote “{title}” in the reply', articleRef: 'See the article “{title}”', shortcut: 'Ctrl+Enter sends',
    cancel: 'Cancel', 'note.resolve': 'Resolution note', 'note.request_info': 'Question for the customer', 'note.return_to_queue': 'Reason for returning it', 'note.escalate': 'Reason for escalating (optional)', 'note.other': 'Note',
    'hint.public': 'The customer sees this text.', 'hint.internal': 'Only colleagues see this.',
    schedule: 'Visit time', 'err.required': 'Please fill in: {label}', raisePriority: 'Change the priority too', keepPriority: 'Keep',
    mergeTitle: 'Merge a duplicate', mergeHelp: 'This ticket closes and points to the ticket you choose; the customer follows it there.', mergeTarget: 'Merge into', mergeNone: 'This customer has no other open ticket.', mergeConfirm: 'Merge and close this ticket', mergeLoading: 'Looking for this customer’s other tickets…',
    splitTitle: 'Sub-task for another department', group: 'Department (group)', groupPick: 'Choose a department…', splitSubject: 'Sub-task title', splitDescription: 'What they should do', splitConfirm: 'Create sub-task',
    draftTitle: 'Knowledge base draft', draftHeading: 'Title', draftBody: 'Body', draftTags: 'Tags (comma separated)',
    'review.redacted': 'The customer’s name and contact details were removed: please check.', 'review.no_symptoms': 'The ticket had no description: please add the symptoms.', draftSave: 'Submit for review', draftDiscard: 'Discard draft', draftSaved: 'Draft “{title}” submitted for review',
    done: '{action} done; status: {status}', updated: 'The ticket changed; status: {status}', claimed: 'Claimed; assignee: {name}', merged: 'Merged into {number}; this ticket is closed', splitDone: 'Sub-task {number} created',
    collaboratorAdded: 'Added collaborator {name}', collaboratorRemoved: 'Removed collaborator {name}', assigned: 'Assigned to {name}',
    'err.action': 'That did not work: {message}', 'err.conflict': 'Someone changed the ticket just now; it is refreshed — check and try again.', 'err.same_customer': 'Only the same customer’s tickets can be merged; split or link other customers’ tickets.',
    'err.target_status': 'The other ticket is closed: it cannot take a merge.', 'err.guard': 'This cannot be done now ({reason}).', 'err.invalid': 'This cannot be done now: {message}',
  },
};

export const t = translator(tables);
