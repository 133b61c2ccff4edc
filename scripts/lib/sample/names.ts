/**
 * Chinese customer names: people (consumers) and companies (dealers, key
 * accounts), unique across the sample, with the company's city in its region.
 */
import type { Region, Segment } from './assumptions';
import type { Random } from './random';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];

const GIVEN_NAMES = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '建华', '文', '华', '金凤', '志强', '玉兰', '海燕', '建国', '晨', '欣怡', '子涵', '浩然', '梓萱', '宇轩', '雨桐', '思远', '佳怡', '俊杰',
  '一鸣', '诗琪', '博文', '雅婷', '嘉豪', '梦瑶', '天佑', '紫涵', '家乐', '若曦', '晓东', '晓红', '丽娟', '春梅', '国庆', '红梅', '志明', '海涛', '文静', '晓燕',
  '宏伟', '立新', '建军', '雪梅', '亚楠', '振华', '小龙', '美玲', '永强', '凤英', '德华', '秀兰', '伟东', '丹丹', '鹏飞', '婷婷', '浩宇', '静怡', '子墨', '欣然',
  '思彤', '宇航', '一诺', '语桐', '晨阳', '书瑶', '昊天', '可欣', '泽宇', '心怡', '俊熙', '梓涵', '明轩', '雨萱', '睿', '琳', '凯', '倩', '斌', '颖',
  '鑫', '帆', '婧', '昕', '瑶', '彬', '蕾', '峰', '岚', '昊',
];

const CITIES: Record<Region, string[]> = {
  华东: ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '福州', '厦门', '济南', '青岛', '无锡', '温州'],
  华南: ['广州', '深圳', '东莞', '佛山', '珠海', '汕头', '南宁', '海口', '中山', '惠州'],
  华北: ['北京', '天津', '石家庄', '太原', '呼和浩特', '唐山', '保定', '廊坊'],
  华中: ['武汉', '长沙', '郑州', '南昌', '宜昌', '洛阳', '株洲', '襄阳'],
  西南: ['成都', '重庆', '昆明', '贵阳', '绵阳', '南充', '遵义'],
  西北: ['西安', '兰州', '乌鲁木齐', '银川', '西宁', '宝鸡'],
};

const TRADE_NAMES = [
  '恒达', '鑫源', '华信', '永盛', '天成', '宏图', '瑞丰', '金桥', '博远', '启航', '创联', '众诚', '新锐', '联发', '卓越', '嘉禾',
  '盛世', '汇通', '鼎盛', '东方', '锦华', '远航', '海纳', '百川', '德润', '和信', '正泰', '华宇', '凯达', '长虹', '金盛', '明辉',
  '志诚', '天誉', '腾飞', '万方', '信达', '安泰', '银河', '国信', '华泰', '中联', '康宏', '立邦', '佳和', '盈科', '同心', '汇丰',
];

const DEALER_SUFFIXES = ['数码科技有限公司', '通讯器材有限公司', '电子商贸有限公司', '科技有限公司', '电器有限公司', '数码城', '商贸有限公司'];
const ENTERPRISE_SUFFIXES = [
  '集团有限公司', '科技股份有限公司', '信息技术有限公司', '物流有限公司', '医药集团有限公司', '教育集团', '建设集团有限公司', '能源有限公司', '实业有限公司',
];
/** Institutions get a made-up trade name too, so no real hospital or school is named. */
const INSTITUTION_SUFFIXES = ['医院', '实验学校', '职业学院', '商业银行', '国际学校', '健康管理中心'];

export class NameFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A unique name for a customer of `segment` living in `region`. */
  next(segment: Segment, region: Region): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = this.candidate(segment, region);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error(`ran out of ${segment} names in ${region}`);
  }

  private candidate(segment: Segment, region: Region): string {
    const rng = this.rng;
    if (segment === 'consumer') return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
    const city = rng.pick(CITIES[region]);
    if (segment === 'dealer') return city + rng.pick(TRADE_NAMES) + rng.pick(DEALER_SUFFIXES);
    if (rng.chance(0.12)) return city + rng.pick(TRADE_NAMES) + rng.pick(INSTITUTION_SUFFIXES);
    return city + rng.pick(TRADE_NAMES) + rng.pick(ENTERPRISE_SUFFIXES);
  }
}
