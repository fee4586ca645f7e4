import { translator, type StringTables } from '../base/i18n.js';

type Key =
  | 'legend.contact' | 'legend.product' | 'legend.issue' | 'legend.more'
  | 'name' | 'phone' | 'email' | 'contactHint' | 'model' | 'serial' | 'purchaseDate' | 'type' | 'subject' | 'description' | 'descriptionHint'
  | 'urgency' | 'urgency.normal' | 'urgency.high' | 'urgency.urgent' | 'address' | 'addressHint'
  | 'type.repair' | 'type.complaint' | 'type.consultation' | 'type.return' | 'type.installation'
  | 'submit' | 'sending' | 'optional' | 'required'
  | 'err.required' | 'err.contact' | 'err.phone' | 'err.email' | 'err.format' | 'err.tooLong' | 'err.range' | 'err.future' | 'err.pattern' | 'err.min' | 'err.max' | 'err.summary' | 'err.send'
  | 'suggest.title' | 'suggest.solved' | 'suggest.open' | 'deflected.title' | 'deflected.body' | 'deflected.back'
  | 'created.title' | 'created.number' | 'created.promise' | 'created.promiseHours' | 'created.track' | 'created.token' | 'created.another'
  | 'queued.title' | 'queued.body' | 'queued.memoryOnly' | 'draftRestored' | 'discardDraft';

const tables: StringTables<Key> = {
  'zh-CN': {
    'legend.contact': '联系方式', 'legend.product': '产品信息', 'legend.issue': '问题描述', 'legend.more': '补充信息',
    name: '姓名', phone: '手机号', email: '电子邮箱', contactHint: '手机号和邮箱至少填写一项', model: '产品型号', serial: '序列号（SN）', purchaseDate: '购买日期',
    type: '服务类型', subject: '问题概述', description: '详细描述', descriptionHint: '现象、出现时间、故障码等，越具体处理越快',
    urgency: '紧急程度', 'urgency.normal': '一般', 'urgency.high': '较急', 'urgency.urgent': '非常紧急', address: '上门地址', addressHint: '需要上门服务时填写',
    'type.repair': '维修', 'type.complaint': '投诉', 'type.consultation': '咨询', 'type.return': '退换货', 'type.installation': '安装',
    submit: '提交', sending: '正在提交…', optional: '（选填）', required: '（必填）',
    'err.required': '请填写{field}', 'err.contact': '请填写手机号或电子邮箱', 'err.phone': '手机号格式不正确', 'err.email': '邮箱格式不正确', 'err.format': '{field}格式不正确',
    'err.tooLong': '{field}太长了', 'err.range': '{field}超出范围', 'err.future': '{field}不能晚于今天', 'err.pattern': '{field}格式不正确', 'err.min': '{field}不能小于 {n}', 'err.max': '{field}不能大于 {n}',
    'err.summary': '有 {n} 处需要修改', 'err.send': '提交失败：{message}。您填写的内容已保留，请稍后再试。',
    'suggest.title': '这些文章也许能帮到您', 'suggest.solved': '问题已解决', 'suggest.open': '查看', 'deflected.title': '太好了，问题已解决', 'deflected.body': '无需提交工单。如果问题再次出现，随时回来找我们。', 'deflected.back': '仍需提交工单',
    'created.title': '已收到您的工单', 'created.number': '工单号', 'created.promise': '我们将在 {duration}内回复您（{due}前）。', 'created.promiseHours': '{n} 个工作小时',
    'created.track': '查看处理进度', 'created.token': '请保存此链接，凭它可随时查看进度。', 'created.another': '再提交一个工单',
    'queued.title': '已保存，联网后自动提交', 'queued.body': '当前网络不可用。工单已保存在本设备上，恢复联网后会自动发送，不会重复。', 'queued.memoryOnly': '注意：浏览器不允许离线保存，请不要关闭此页面。',
    draftRestored: '已恢复您上次未提交的内容。', discardDraft: '清空重填',
  },
  en: {
    'legend.contact': 'How we reach you', 'legend.product': 'Product', 'legend.issue': 'Your issue', 'legend.more': 'More details',
    name: 'Name', phone: 'Mobile phone', email: 'E-mail', contactHint: 'A phone number or an e-mail address, or both', model: 'Model', serial: 'Serial number', purchaseDate: 'Purchase date',
    type: 'Type of request', subject: 'Summary', description: 'Description', descriptionHint: 'What happens, since when, any error code: the more precise, the faster we help',
    urgency: 'Urgency', 'urgency.normal': 'Normal', 'urgency.high': 'Soon', 'urgency.urgent': 'Very urgent', address: 'Service address', addressHint: 'For on-site service',
    'type.repair': 'Repair', 'type.complaint': 'Complaint', 'type.consultation': 'Question', 'type.return': 'Return or exchange', 'type.installation': 'Installation',
    submit: 'Submit', sending: 'Submitting…', optional: '(optional)', required: '(required)',
    'err.required': 'Please enter {field}', 'err.contact': 'Please enter a phone number or an e-mail address', 'err.phone': 'This phone number does not look right', 'err.email': 'This e-mail address does not look right', 'err.format': '{field} does not look right',
    'err.tooLong': '{field} is too long', 'err.range': '{field} is out of range', 'err.future': '{field} cannot be in the future', 'err.pattern': '{field} does not look right', 'err.min': '{field} must be at least {n}', 'err.max': '{field} must be at most {n}',
    'err.summary': '{n} fields need your attention', 'err.send': 'Could not submit: {message}. What you entered is kept; please try again.',
    'suggest.title': 'These articles may help', 'suggest.solved': 'This solved my problem', 'suggest.open': 'Read', 'deflected.title': 'Glad that helped', 'deflected.body': 'No ticket needed. If the problem comes back, we are here.', 'deflected.back': 'I still need help',
    'created.title': 'We have your request', 'created.number': 'Ticket number', 'created.promise': 'We will reply within {duration} (by {due}).', 'created.promiseHours': '{n} working hours',
    'created.track': 'Follow its progress', 'created.token': 'Keep this link: it lets you follow your request at any time.', 'created.another': 'Submit another request',
    'queued.title': 'Saved — it will be sent when you are back online', 'queued.body': 'There is no connection right now. Your request is kept on this device and sent once, automatically, when the connection returns.', 'queued.memoryOnly': 'Note: this browser does not let us keep it offline; please keep this page open.',
    draftRestored: 'We restored what you entered last time.', discardDraft: 'Start over',
  },
};

export const t = translator(tables);
export type TicketFormKey = Key;
