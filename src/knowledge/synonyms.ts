import type { SynonymGroup } from './types.js';

/**
 * After-sales concepts customers name in different words: a query word found in a group
 * also matches the group's other members, at a lower weight than the word itself. The
 * groups are general domain vocabulary (symptoms, services, documents, people, product
 * names), not phrases of any particular query. A one-character Chinese member (抖, 修)
 * only triggers expansion; it is never searched for on its own. A few groups mix in the
 * English words customers type inside Chinese questions (driver, offline, email).
 */
const GROUPS =
  // Symptoms
  '制冷|冷气|冷风|不凉|不冷;制热|暖气|热风;不加热|水不热|冷水|没热水|不出热水;震动|振动|晃动|抖动|摇晃|共振|抖|跳;' +
  '噪音|异响|响声|声音大|吵|嗡嗡;漏水|渗水|滴水|渗漏|漏;故障|坏了|失灵|毛病|不工作|用不了|坏;不开机|开不了机|没反应|不通电|不启动;' +
  '充不进电|不充电|充电慢;掉线|断网|连不上|网速慢|网络慢;卡纸|夹纸|paper jam;异味|臭味|发臭;结冰|结霜;排水|放水|下水;漏电|麻手|触电;' +
  '进水|泡水|受潮;鼓包|膨胀;碎屏|屏碎|屏裂|摔碎|裂了|碎了;破损|损坏|磕碰|压坏;发错|错发|少发|漏发;' +
  // Services and steps
  '维修|修理|报修|修;安装|装机|装;移机|搬家|拆装|拆机;退货|退回|退掉|不想要|不要了;换货|调换|换新|更换;' +
  '退款|退钱|返款|退费;发票|开票|票据|收据;保修|质保|三包|包修;延保|延长保修;费用|收费|价格|多少钱|要钱|加钱|花钱|付费;' +
  '预约|约时间|约;取消|撤销;进度|状态|到哪;快递|物流|配送|送货|包裹;到货|签收|送到;发货|出库;投诉|不满意|差评;' +
  '价保|降价|差价;优惠|折扣|优惠券;会员|积分;评价|评分|打分;以旧换新|旧机回收;激活|拆封;超时|迟到|没来|爽约;偏远|农村|乡镇|远程;' +
  // People, documents, parts, products
  '师傅|工程师|安装工|维修工|技师;密码|口令|password;账号|帐号|账户|account;注销|销户;型号|机型|铭牌;条码|序列号|串号|sn|imei;' +
  '配件|零件|备件;正品|原装|原厂;滤网|过滤网;遥控器|遥控;电池|电量|续航|battery;屏幕|显示屏|屏|screen;墨盒|硒鼓|墨粉|碳粉;驱动|驱动程序|driver;' +
  '脱机|离线|offline;邮件|邮箱|email;重置|恢复出厂|reset;升级|更新|update|upgrade;' +
  '空调|冷气机;冰箱|冰柜;洗衣机|滚筒;热水器|洗澡|淋浴;燃气|天然气|液化气|煤气;路由器|wifi|无线网;' +
  // English
  'refund|money back|reimburse;return|send back;exchange|swap|replacement;repair|fix|mend;install|set up|setup|mount|fit;' +
  'warranty|guarantee|coverage|covered;cost|fee|price|charge|pay|money;broken|faulty|defective|not working|stopped working;' +
  'cracked|shattered|smashed;vibrate|vibration|shake|shaking|wobble;noise|noisy|rattle|buzz|loud;leak|drip|puddle;' +
  'not hot|cold water|lukewarm|no hot water;cooling|cool|cold air;heating|heat|warm;fridge|refrigerator;ac|aircon|air conditioner;' +
  'washer|washing machine|front loader|top loader;phone|mobile|smartphone|handset;technician|engineer|installer|repairman;' +
  'invoice|receipt|fapiao|proof of purchase;cancel|call off|withdraw;delivery|shipping|courier|parcel|shipment;order|purchase|bought;' +
  'status|progress|track;appointment|booking|book|schedule|visit;late|no show|delayed;swollen|bulging|swelling;password|passcode;' +
  'account|login|sign in;delete|close|deactivate;screen|display|glass;no power|dead|turn on|switch on;router|wifi|internet|network;' +
  'ink|toner|cartridge;jam|stuck;driver|software;complaint|complain|unhappy|dissatisfied|escalate;price protection|price drop|cheaper;' +
  'discount|coupon|voucher;membership|member|points;rating|review|feedback;remote area|rural|far|travel fee;genuine|original|authentic;' +
  'spare part|part|component;water damage|liquid|wet;ship|dispatch|send out;arrive|received|delivered;damaged|dented|crushed;' +
  'wrong item|wrong|incorrect;gas|lpg|natural gas|propane;shower|hot water|water heater;smell|odor|odour|stink;frost|ice|frozen;' +
  'drain|draining;serial number|serial|sn|imei;model|model number|nameplate';

/** The built-in concept groups (see {@link KnowledgeIndexOptions.synonyms}). */
export const DEFAULT_SYNONYMS: readonly SynonymGroup[] = Object.freeze(GROUPS.split(';').map((g) => Object.freeze(g.split('|'))));
