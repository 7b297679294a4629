/* Word lists of the demo city: real-sounding units, people and report phrases. */
#include "config.h"

#include "xb-demo-data.h"

const char *const xb_demo_counties[] = {
  "武都区人民政府办公室", "成县人民政府办公室", "文县人民政府办公室",
  "宕昌县人民政府办公室", "康县人民政府办公室", "西和县人民政府办公室",
  "礼县人民政府办公室", "徽县人民政府办公室", "两当县人民政府办公室", NULL,
};

const char *const xb_demo_departments[] = {
  "市发展和改革委员会", "市教育局", "市科学技术局", "市工业和信息化局", "市公安局",
  "市民政局", "市司法局", "市财政局", "市人力资源和社会保障局", "市自然资源局",
  "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水务局", "市农业农村局",
  "市商务局", "市文化和旅游局", "市卫生健康委员会", "市退役军人事务局", "市应急管理局",
  "市审计局", "市人民政府国有资产监督管理委员会", "市市场监督管理局", "市体育局",
  "市统计局", "市医疗保障局", "市乡村振兴局", "市林业和草原局", "市城市管理综合执法局",
  "市信访局", "市政务服务中心", "市投资促进局", "市机关事务管理局", "市地方金融监督管理局",
  "市粮食和物资储备局", "市供销合作社联合社", "市住房公积金管理中心", "市公共资源交易中心",
  "市残疾人联合会", "市地震局", "市档案馆", "市融媒体中心", NULL,
};

const char *const xb_demo_provincial[] = {
  "国家税务总局陇南市税务局", "陇南市气象局", "国家统计局陇南调查队",
  "中国人民银行陇南市中心支行", "国网陇南供电公司", "中国移动陇南分公司",
  "中国电信陇南分公司", "中国联通陇南分公司", "陇南市邮政管理局",
  "甘肃省公路事业发展中心陇南分中心", "陇南市烟草专卖局", NULL,
};

const char *const xb_demo_liaison[] = {
  "陇南市人民政府驻北京联络处", "陇南市人民政府驻兰州办事处", "陇南市人民政府驻西安联络处", NULL,
};

const char *const xb_demo_enterprises[] = {
  "陇南市城市发展投资集团有限公司", "陇南市农业发展集团有限公司",
  "陇南市交通投资有限责任公司", "陇南市文化旅游产业集团有限公司", NULL,
};

const char *const xb_demo_direct_points[] = {
  "武都区城关镇信息直报点|0", "成县抛沙镇信息直报点|1", "文县碧口镇信息直报点|2",
  "康县长坝镇信息直报点|4", "徽县江洛镇信息直报点|7", NULL,
};

const char *const xb_demo_priorities[] = {
  "重大决策部署贯彻落实", "改善民生实事进展", "领导指示批示办理落实",
  "领导调研部署落实", "灾后恢复重建", "重大项目建设和招商引资",
  "基础设施建设", "产业发展和扶贫开发", "社会事业发展", "本地区本部门工作动态", NULL,
};

static const char *const topics_0[] = { "“放管服”改革", "优化营商环境三年行动", "安全生产专项整治", "河湖长制工作", NULL };
static const char *const topics_1[] = { "城乡居民医疗保障", "农村饮水安全巩固提升", "城镇老旧小区改造", "就业创业服务", NULL };
static const char *const topics_2[] = { "市领导批示事项督办", "群众反映问题整改", "信访积案化解", NULL };
static const char *const topics_3[] = { "市领导调研部署事项", "基层减负工作", "重点工作督查", NULL };
static const char *const topics_4[] = { "特大暴洪灾后恢复重建", "地质灾害隐患点综合治理", "受灾群众安置", NULL };
static const char *const topics_5[] = { "重大项目建设", "招商引资项目落地", "项目审批提速", NULL };
static const char *const topics_6[] = { "交通基础设施建设", "城镇建设", "生态建设", "水利设施建设", NULL };
static const char *const topics_7[] = { "花椒产业提质增效", "油橄榄产业", "乡村旅游", "节能减排", "电子商务进农村", NULL };
static const char *const topics_8[] = { "义务教育均衡发展", "公共文化服务", "全民健身", "基层医疗卫生服务", NULL };
static const char *const topics_9[] = { "重点工作", "作风建设", "疫情防控常态化", "冬春农业生产", NULL };

const char *const *const xb_demo_topics[] = {
  topics_0, topics_1, topics_2, topics_3, topics_4,
  topics_5, topics_6, topics_7, topics_8, topics_9,
};

const char *const xb_demo_verbs[] = {
  "多措并举推进", "扎实推进", "全力做好", "着力加强", "创新开展", "积极推动",
  "加快推进", "切实抓好", "稳步推进", "深入开展", NULL,
};

const char *const xb_demo_surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱",
  "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", NULL,
};

const char *const xb_demo_given[] = {
  "建国", "海燕", "志强", "秀英", "伟", "静", "丽娟", "晓东", "红梅", "国庆", "文博",
  "思远", "明", "雪", "立新", "春华", "家豪", "晓燕", "永刚", "玉兰", "正阳", "佳怡", NULL,
};

/* "|" marks where the unit and then the topic go. */
const char *const xb_demo_openings[] = {
  "今年以来，|紧紧围绕|，",
  "近期，|把|作为当前重点工作，",
  "为全面落实市委、市政府部署，|聚焦|，",
  NULL,
};

const char *const xb_demo_measures[] = {
  "成立工作专班，建立周调度、月通报机制，逐项明确责任单位和完成时限。",
  "深入基层一线开展调研，梳理问题清单，实行销号管理。",
  "整合各类资金，集中力量攻坚，推动各项任务落地见效。",
  "强化部门协作，简化办事流程，推行“一网通办”。",
  "组织业务骨干开展专题培训，提升工作人员业务能力。",
  NULL,
};

const char *const xb_demo_next_steps[] = {
  "下一步，将继续加大工作力度，确保全年目标任务圆满完成。",
  "目前，工作中仍存在资金缺口较大、专业人才不足等问题，建议市级层面给予支持。",
  "下一步，将及时总结经验做法，形成可复制、可推广的长效机制。",
  NULL,
};

const char *const xb_demo_return_comments[] = {
  "数据来源未注明，请核实后重新报送。",
  "标题不够精炼，请修改后再报。",
  "内容与前期报送信息重复，请补充新进展。",
  "请补充具体措施和成效数据。",
  NULL,
};

const char *const xb_demo_decline_comments[] = {
  "信息价值不高，暂不采用。",
  "相关内容已由其他单位报送。",
  "时效性不强，不予采用。",
  NULL,
};

const char *const xb_demo_instructions[] = {
  "此件反映的做法很好，请相关部门认真总结推广。",
  "请市发展改革委牵头研究，提出具体支持措施。",
  "所反映问题要高度重视，请分管部门抓紧解决并报结果。",
  "经验值得肯定，请各县区学习借鉴。",
  NULL,
};

const char *const xb_demo_leaders[] = {
  "市长", "常务副市长", "分管副市长", "省政府领导", "国务院领导", NULL,
};

guint
xb_demo_count (const char *const *list)
{
  guint n = 0;

  while (list[n] != NULL)
    n++;
  return n;
}
