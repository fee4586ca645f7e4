import { translator, type StringTables } from '../base/i18n.js';

type Key =
  | 'loading' | 'notFound' | 'number' | 'steps' | 'step.submitted' | 'step.assigned' | 'step.progress' | 'step.resolved'
  | 'engineer' | 'timeline' | 'promise.first_response' | 'promise.resolution' | 'promise.next_response' | 'promise.periodic_update' | 'left' | 'overdue' | 'met' | 'paused'
  | 'ev.created' | 'ev.status' | 'ev.assigned' | 'ev.reply.customer' | 'ev.reply.agent' | 'ev.rated' | 'ev.field' | 'ev.other'
  | 'you' | 'team' | 'reply' | 'replyLabel' | 'send' | 'sending' | 'sent' | 'queued' | 'err.empty' | 'err.send'
  | 'reopen' | 'reopenHint' | 'reopened' | 'updated' | 'merged' | 'follow' | 'ev.merged.into' | 'ev.merged.from';

const tables: StringTables<Key> = {
  'zh-CN': {
    loading: '正在加载工单…', notFound: '没有找到这个工单，请检查链接是否完整。', number: '工单号', steps: '处理进度',
    'step.submitted': '已提交', 'step.assigned': '已派工', 'step.progress': '处理中', 'step.resolved': '已解决',
    engineer: '负责工程师：{name}', timeline: '处理记录', 'promise.first_response': '承诺首次回复', 'promise.resolution': '承诺解决',
    'promise.next_response': '承诺回复', 'promise.periodic_update': '下次进展更新', left: '还剩 {time}', overdue: '已超时 {time}', met: '已达成', paused: '等待中，计时暂停',
    'ev.created': '提交了工单', 'ev.status': '状态更新为「{status}」', 'ev.assigned': '{name} 接手处理', 'ev.reply.customer': '您的留言', 'ev.reply.agent': '{name} 回复',
    'ev.rated': '您评价了本次服务：{score} 星', 'ev.field': '工单信息已更新', 'ev.other': '工单有更新',
    you: '您', team: '客服', reply: '补充信息或回复', replyLabel: '您的回复', send: '发送', sending: '正在发送…', sent: '已发送', queued: '已保存，联网后自动发送。',
    'err.empty': '请输入回复内容', 'err.send': '发送失败：{message}。内容已保留。', reopen: '问题没有解决，重新打开', reopenHint: '解决后 {days} 天内可以重新打开。', reopened: '工单已重新打开，我们会尽快处理。',
    updated: '工单有新进展：{status}',
    merged: '这个请求和您的另一个工单重复，已合并到工单 {number}，后续进展请在那里查看。', follow: '查看工单 {number}',
    'ev.merged.into': '合并到工单 {number}', 'ev.merged.from': '您的工单 {number} 已合并到这里',
  },
  en: {
    loading: 'Loading your request…', notFound: 'We could not find this request. Please check that the link is complete.', number: 'Request number', steps: 'Progress',
    'step.submitted': 'Submitted', 'step.assigned': 'Engineer assigned', 'step.progress': 'Being handled', 'step.resolved': 'Resolved',
    engineer: 'Your engineer: {name}', timeline: 'History', 'promise.first_response': 'First reply promised', 'promise.resolution': 'Resolution promised',
    'promise.next_response': 'Reply promised', 'promise.periodic_update': 'Next update', left: '{time} left', overdue: 'overdue by {time}', met: 'kept', paused: 'waiting — the clock is paused',
    'ev.created': 'Request submitted', 'ev.status': 'Status changed to “{status}”', 'ev.assigned': '{name} is handling it', 'ev.reply.customer': 'Your message', 'ev.reply.agent': '{name} replied',
    'ev.rated': 'You rated the service: {score} stars', 'ev.field': 'Details updated', 'ev.other': 'Updated',
    you: 'You', team: 'Support', reply: 'Add information or reply', replyLabel: 'Your reply', send: 'Send', sending: 'Sending…', sent: 'Sent', queued: 'Saved — it will be sent when you are back online.',
    'err.empty': 'Please write a reply', 'err.send': 'Could not send: {message}. Your text is kept.', reopen: 'Not solved — reopen', reopenHint: 'You can reopen within {days} days of the resolution.', reopened: 'Reopened. We will get back to it soon.',
    updated: 'Your request was updated: {status}',
    merged: 'This request duplicated another of yours and was merged into {number}: follow it there.', follow: 'Open request {number}',
    'ev.merged.into': 'Merged into {number}', 'ev.merged.from': 'Your request {number} was merged into this one',
  },
};

export const t = translator(tables);
