import { translator, type StringTables } from '../base/i18n.js';

type Key =
  | 'legend' | 'score.1' | 'score.2' | 'score.3' | 'score.4' | 'score.5' | 'dimensions' | 'dim.timeliness' | 'dim.professionalism' | 'dim.attitude'
  | 'comment' | 'optional' | 'submit' | 'sending' | 'thanks' | 'thanksBody' | 'already' | 'notYet' | 'loading' | 'err.score' | 'err.send' | 'err.load' | 'queued';

const tables: StringTables<Key> = {
  'zh-CN': {
    legend: '您对本次服务满意吗？', 'score.1': '非常不满意', 'score.2': '不满意', 'score.3': '一般', 'score.4': '满意', 'score.5': '非常满意',
    dimensions: '分项评价（选填）', 'dim.timeliness': '响应及时', 'dim.professionalism': '专业程度', 'dim.attitude': '服务态度',
    comment: '意见或建议', optional: '（选填）', submit: '提交评价', sending: '正在提交…', thanks: '感谢您的评价！', thanksBody: '您的反馈会帮助我们把服务做得更好。',
    already: '您已评价过这个工单，感谢！', notYet: '工单解决后即可评价。', loading: '正在加载…', 'err.score': '请选择满意度', 'err.send': '提交失败：{message}', 'err.load': '无法加载工单：{message}',
    queued: '已保存，联网后自动提交。',
  },
  en: {
    legend: 'How satisfied are you with our service?', 'score.1': 'Very dissatisfied', 'score.2': 'Dissatisfied', 'score.3': 'Neutral', 'score.4': 'Satisfied', 'score.5': 'Very satisfied',
    dimensions: 'In detail (optional)', 'dim.timeliness': 'Timeliness', 'dim.professionalism': 'Professionalism', 'dim.attitude': 'Attitude',
    comment: 'Comments', optional: '(optional)', submit: 'Send rating', sending: 'Sending…', thanks: 'Thank you for your rating!', thanksBody: 'Your feedback helps us serve you better.',
    already: 'You have rated this request already. Thank you!', notYet: 'You can rate this request once it is resolved.', loading: 'Loading…', 'err.score': 'Please choose a rating', 'err.send': 'Could not send: {message}', 'err.load': 'Could not load the request: {message}',
    queued: 'Saved — it will be sent when you are back online.',
  },
};

export const t = translator(tables);
