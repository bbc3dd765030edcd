/**
 * The goods paycheck's data is made of: everyday goods of a Chinese convenience store or
 * supermarket — drinks, dairy, instant noodles, snacks, sweets, groceries, frozen food, daily and
 * personal-care goods — by brand, name and size, each with a plausible shelf-price range in fen.
 * Written for this project from common knowledge of what such a shop sells: nothing was scraped
 * or copied from a price list, and the ranges are round figures, no shop's prices.
 *
 * The barcodes are not the goods' real GTINs: each brand gets a company number of its own under a
 * GS1 China prefix (690–699, platform-facts §4), each item a number under it, and the EAN-13
 * check digit (barcode.ts). Runtime-neutral data: the kernel's factories, the k6 scripts and a
 * browser load it alike.
 */
import { CHINA_GS1_PREFIXES, ean13CheckDigit } from './barcode.ts';

type Category = 'drinks' | 'dairy' | 'instant-noodles' | 'snacks' | 'sweets' | 'groceries' | 'frozen' | 'daily' | 'personal-care';

export interface CatalogueItem {
  brand: string;
  name: string;
  size: string;
  category: Category;
  /** The shelf price's plausible range, in fen: [lowest, highest]. */
  priceFen: readonly [number, number];
  /** EAN-13 under a GS1 China prefix, valid check digit; not the item's real barcode. */
  barcode: string;
  /** What a till receipt prints: the name, with the brand where shoppers say it, and the size. */
  title: string;
}

/** One item: name, size, lowest and highest price in fen; a category of its own where it is not the brand's. */
type Item = readonly [name: string, size: string, low: number, high: number, category?: Category];

interface Brand {
  brand: string;
  category: Category;
  /** Whether the receipt leads with the brand (康师傅红烧牛肉面) or the name is enough (雪碧). */
  branded: boolean;
  items: readonly Item[];
}

const BRANDS: readonly Brand[] = [
  { brand: '可口可乐', category: 'drinks', branded: false, items: [
    ['可口可乐', '330ml', 250, 350], ['可口可乐', '500ml', 300, 400], ['可口可乐', '2L', 650, 850], ['零度可口可乐', '330ml', 250, 350],
    ['雪碧', '330ml', 250, 350], ['雪碧', '500ml', 300, 400], ['芬达橙味汽水', '500ml', 300, 400], ['美汁源果粒橙', '420ml', 350, 450],
    ['怡泉苏打水', '400ml', 350, 450], ['纯悦饮用水', '550ml', 150, 200],
  ] },
  { brand: '百事', category: 'drinks', branded: false, items: [
    ['百事可乐', '330ml', 250, 350], ['百事可乐', '600ml', 300, 400], ['百事可乐无糖', '330ml', 250, 350], ['七喜', '500ml', 300, 400], ['美年达橙味', '500ml', 300, 400],
  ] },
  { brand: '农夫山泉', category: 'drinks', branded: true, items: [
    ['饮用天然水', '550ml', 150, 200], ['饮用天然水', '1.5L', 300, 400], ['饮用天然水', '4L', 700, 900], ['东方树叶乌龙茶', '500ml', 500, 600],
    ['东方树叶茉莉花茶', '500ml', 500, 600], ['茶π柠檬红茶', '500ml', 500, 600], ['尖叫纤维饮料', '550ml', 400, 500], ['水溶C100柠檬味', '445ml', 500, 600],
    ['农夫果园混合果蔬汁', '500ml', 400, 550], ['苏打水饮料', '410ml', 450, 550], ['维他命水柑橘风味', '500ml', 450, 550],
  ] },
  { brand: '百岁山', category: 'drinks', branded: true, items: [['饮用天然矿泉水', '570ml', 250, 300], ['饮用天然矿泉水', '348ml', 200, 250]] },
  { brand: '景田', category: 'drinks', branded: true, items: [['饮用纯净水', '560ml', 150, 200]] },
  { brand: '冰露', category: 'drinks', branded: true, items: [['包装饮用水', '550ml', 100, 150]] },
  { brand: '怡宝', category: 'drinks', branded: true, items: [['纯净水', '555ml', 150, 200], ['纯净水', '1.555L', 300, 400], ['纯净水', '4.5L', 800, 1000]] },
  { brand: '娃哈哈', category: 'drinks', branded: true, items: [
    ['纯净水', '596ml', 150, 200], ['AD钙奶', '220g×4', 1000, 1300], ['营养快线原味', '500g', 450, 550], ['爽歪歪', '200ml', 250, 350],
    ['八宝粥', '360g', 400, 550, 'groceries'], ['苏打水', '350ml', 350, 450],
  ] },
  { brand: '康师傅', category: 'instant-noodles', branded: true, items: [
    ['冰红茶', '500ml', 300, 400, 'drinks'], ['绿茶', '500ml', 300, 400, 'drinks'], ['茉莉清茶', '500ml', 300, 400, 'drinks'],
    ['冰糖雪梨', '500ml', 350, 450, 'drinks'], ['酸梅汤', '500ml', 350, 450, 'drinks'], ['茉莉蜜茶', '500ml', 300, 400, 'drinks'], ['红烧牛肉面', '104g', 350, 500], ['酸辣牛肉面', '105g', 350, 500],
    ['红烧牛肉面五连包', '104g×5', 1400, 1800], ['香辣牛肉面', '105g', 350, 500], ['老坛酸菜牛肉面', '114g', 350, 500], ['鲜虾鱼板面', '98g', 350, 500],
    ['红烧牛肉面桶装', '110g', 500, 650], ['藤椒牛肉面桶装', '112g', 550, 700], ['3+2苏打夹心饼干', '125g', 450, 600, 'snacks'], ['妙芙欧式蛋糕', '96g', 600, 800, 'snacks'],
  ] },
  { brand: '统一', category: 'instant-noodles', branded: true, items: [
    ['冰红茶', '500ml', 300, 400, 'drinks'], ['绿茶', '500ml', 300, 400, 'drinks'], ['阿萨姆奶茶', '500ml', 500, 600, 'drinks'], ['小茗同学冷泡茶', '480ml', 500, 600, 'drinks'],
    ['海之言柠檬味', '500ml', 450, 550, 'drinks'], ['鲜橙多', '450ml', 300, 400, 'drinks'], ['雅哈意式醇香咖啡', '450ml', 500, 600, 'drinks'], ['老坛酸菜牛肉面', '121g', 350, 500], ['老坛酸菜牛肉面桶装', '120g', 500, 650],
    ['汤达人日式豚骨拉面', '125g', 600, 800], ['来一桶红烧牛肉面', '108g', 450, 600],
  ] },
  { brand: '王老吉', category: 'drinks', branded: true, items: [['凉茶', '310ml', 350, 450], ['凉茶', '500ml', 450, 550], ['凉茶六连罐', '310ml×6', 2000, 2500]] },
  { brand: '加多宝', category: 'drinks', branded: true, items: [['凉茶', '310ml', 350, 450], ['凉茶', '500ml', 450, 550]] },
  { brand: '红牛', category: 'drinks', branded: true, items: [['维生素功能饮料', '250ml', 550, 700], ['维生素牛磺酸饮料', '250ml×6', 3000, 3800]] },
  { brand: '东鹏', category: 'drinks', branded: true, items: [['特饮', '500ml', 450, 600], ['特饮', '250ml', 350, 450], ['补水啦电解质饮料', '555ml', 400, 500]] },
  { brand: '元气森林', category: 'drinks', branded: true, items: [
    ['白桃味苏打气泡水', '480ml', 450, 600], ['青瓜味苏打气泡水', '480ml', 450, 600], ['外星人电解质水', '500ml', 550, 650], ['乳茶浓香原味', '450ml', 600, 750], ['燃茶无糖', '500ml', 500, 600],
  ] },
  { brand: '三得利', category: 'drinks', branded: true, items: [['乌龙茶无糖', '500ml', 450, 600], ['沁柠水', '550ml', 450, 550]] },
  { brand: '脉动', category: 'drinks', branded: true, items: [['青柠口味', '600ml', 450, 550], ['桃子口味', '600ml', 450, 550]] },
  { brand: '维他奶', category: 'drinks', branded: false, items: [['维他奶原味豆奶', '250ml', 350, 450], ['维他柠檬茶', '250ml', 350, 450]] },
  { brand: '豆本豆', category: 'drinks', branded: true, items: [['原味豆奶', '250ml', 350, 450]] },
  { brand: '六个核桃', category: 'drinks', branded: true, items: [['核桃乳', '240ml', 450, 550]] },
  { brand: '露露', category: 'drinks', branded: true, items: [['杏仁露', '240ml', 450, 550]] },
  { brand: '银鹭', category: 'drinks', branded: true, items: [['花生牛奶', '450ml', 450, 550], ['好粥道八宝粥', '280g', 350, 450, 'groceries']] },
  { brand: '椰树', category: 'drinks', branded: true, items: [['椰汁', '245ml', 350, 450], ['椰汁', '1L', 1200, 1500]] },
  { brand: '北冰洋', category: 'drinks', branded: true, items: [['桔汁汽水', '248ml', 450, 600]] },
  { brand: '雀巢', category: 'drinks', branded: true, items: [['丝滑拿铁咖啡饮料', '268ml', 600, 750], ['咖啡1+2原味', '15g×7', 1500, 1900], ['脆脆鲨威化', '24g', 250, 350, 'snacks']] },
  { brand: '星巴克', category: 'drinks', branded: true, items: [['星冰乐咖啡味', '281ml', 1000, 1300]] },
  { brand: '青岛啤酒', category: 'drinks', branded: true, items: [['经典', '500ml', 500, 700], ['纯生', '500ml', 700, 900], ['经典六连罐', '330ml×6', 2400, 3000]] },
  { brand: '雪花', category: 'drinks', branded: true, items: [['勇闯天涯', '500ml', 450, 600], ['纯生', '500ml', 600, 800]] },
  { brand: '百威', category: 'drinks', branded: true, items: [['啤酒', '500ml', 650, 850]] },
  { brand: '蒙牛', category: 'dairy', branded: true, items: [
    ['纯牛奶', '250ml', 300, 400], ['纯牛奶整箱', '250ml×16', 5500, 6900], ['特仑苏纯牛奶', '250ml', 550, 700], ['特仑苏纯牛奶整箱', '250ml×12', 6000, 7500],
    ['真果粒草莓味', '250g', 350, 450], ['酸酸乳原味', '250ml', 300, 400], ['未来星儿童成长牛奶', '190ml×4', 1300, 1600], ['冠益乳原味', '450g', 1200, 1600], ['随变香草巧克力雪糕', '75g', 400, 550, 'frozen'],
  ] },
  { brand: '伊利', category: 'dairy', branded: true, items: [
    ['纯牛奶', '250ml', 300, 400], ['金典纯牛奶', '250ml', 550, 700], ['舒化无乳糖牛奶', '220ml', 400, 500], ['安慕希原味酸奶', '205g', 550, 700], ['优酸乳原味', '250ml', 300, 400],
    ['QQ星儿童成长牛奶', '125ml×4', 1200, 1500], ['畅轻燕麦酸奶', '250g', 800, 1000], ['巧乐兹经典巧克力雪糕', '75g', 400, 550, 'frozen'], ['苦咖啡雪糕', '70g', 300, 400, 'frozen'],
  ] },
  { brand: '光明', category: 'dairy', branded: true, items: [['莫斯利安原味酸奶', '200g', 500, 650], ['优倍鲜牛奶', '950ml', 1500, 1900], ['大白兔奶糖雪糕', '70g', 500, 650, 'frozen']] },
  { brand: '养乐多', category: 'dairy', branded: true, items: [['活菌型乳酸菌饮品', '100ml×5', 1000, 1300]] },
  { brand: '旺仔', category: 'dairy', branded: true, items: [['牛奶', '245ml', 450, 600], ['牛奶四连包', '145ml×4', 1200, 1500]] },
  { brand: '君乐宝', category: 'dairy', branded: true, items: [['简醇零蔗糖酸奶', '150g', 500, 650], ['纯牛奶', '200ml', 250, 350]] },
  { brand: '今麦郎', category: 'instant-noodles', branded: true, items: [['一菜一面老坛酸菜牛肉面', '139g', 450, 600], ['弹面红烧牛肉面', '107g', 250, 350], ['凉白开', '550ml', 150, 250, 'drinks']] },
  { brand: '白象', category: 'instant-noodles', branded: true, items: [['汤好喝老母鸡汤面', '113g', 450, 600], ['大骨面红烧排骨味', '75g', 250, 350]] },
  { brand: '日清', category: 'instant-noodles', branded: false, items: [['合味道海鲜风味杯面', '84g', 600, 800], ['出前一丁麻油味', '100g', 450, 600]] },
  { brand: '农心', category: 'instant-noodles', branded: true, items: [['辛拉面', '120g', 500, 650], ['辛拉面杯面', '68g', 550, 700]] },
  { brand: '三养', category: 'instant-noodles', branded: true, items: [['火鸡面', '140g', 800, 1000]] },
  { brand: '好欢螺', category: 'instant-noodles', branded: true, items: [['螺蛳粉', '400g', 1300, 1700]] },
  { brand: '白家陈记', category: 'instant-noodles', branded: true, items: [['酸辣粉', '108g', 600, 800]] },
  { brand: '乐事', category: 'snacks', branded: true, items: [
    ['原味薯片', '70g', 700, 900], ['黄瓜味薯片', '70g', 700, 900], ['青柠味薯片', '70g', 700, 900], ['大波浪香脆烤鸡翅味薯片', '70g', 700, 900], ['意大利香浓红烩味薯片', '70g', 700, 900], ['无限翡翠黄瓜味薯片', '104g', 1000, 1300],
  ] },
  { brand: '可比克', category: 'snacks', branded: true, items: [['番茄味薯片', '60g', 450, 600]] },
  { brand: '品客', category: 'snacks', branded: true, items: [['原味薯片', '110g', 1100, 1400], ['酸乳酪洋葱味薯片', '110g', 1100, 1400]] },
  { brand: '好丽友', category: 'snacks', branded: true, items: [['巧克力派', '6枚204g', 1300, 1700], ['薯愿香烤原味', '104g', 900, 1200], ['蘑古力', '48g', 500, 650], ['好多鱼', '33g', 400, 550]] },
  { brand: '奥利奥', category: 'snacks', branded: true, items: [['原味夹心饼干', '97g', 500, 650], ['原味夹心饼干', '388g', 1500, 1900], ['巧脆卷', '55g', 500, 650]] },
  { brand: '旺旺', category: 'snacks', branded: true, items: [
    ['雪饼', '84g', 500, 650], ['仙贝', '52g', 400, 550], ['小馒头', '210g', 800, 1000], ['QQ糖', '20g', 200, 300, 'sweets'], ['浪味仙', '70g', 500, 700],
  ] },
  { brand: '卫龙', category: 'snacks', branded: true, items: [['大面筋', '102g', 500, 650], ['魔芋爽香辣味', '180g', 1200, 1500], ['亲嘴烧红烧牛肉味', '22g', 100, 200]] },
  { brand: '三只松鼠', category: 'snacks', branded: true, items: [['每日坚果', '25g', 400, 550], ['夏威夷果', '160g', 1800, 2400], ['碧根果', '160g', 1800, 2400], ['手剥巴旦木', '120g', 1500, 1900]] },
  { brand: '良品铺子', category: 'snacks', branded: true, items: [['猪肉脯', '100g', 1600, 2000], ['手撕面包', '400g', 1500, 1900]] },
  { brand: '洽洽', category: 'snacks', branded: true, items: [['香瓜子', '260g', 1000, 1300], ['焦糖瓜子', '108g', 600, 800], ['小黄袋每日坚果', '26g', 400, 550], ['山核桃味瓜子', '108g', 600, 800]] },
  { brand: '盼盼', category: 'snacks', branded: true, items: [['法式小面包', '200g', 900, 1200], ['梅尼耶干蛋糕', '200g', 1000, 1300]] },
  { brand: '达利园', category: 'snacks', branded: true, items: [['法式软面包香奶味', '200g', 900, 1200], ['蛋黄派', '250g', 1000, 1300], ['好吃点香脆核桃饼', '108g', 500, 650]] },
  { brand: '徐福记', category: 'sweets', branded: true, items: [['沙琪玛香酥鸡蛋味', '160g', 700, 900], ['酥心糖', '180g', 1500, 2000]] },
  { brand: '上好佳', category: 'snacks', branded: true, items: [['鲜虾片', '40g', 300, 400], ['洋葱圈', '40g', 300, 400]] },
  { brand: '有友', category: 'snacks', branded: true, items: [['泡椒凤爪', '100g', 600, 800]] },
  { brand: '喜之郎', category: 'sweets', branded: true, items: [['果冻草莓味', '150g', 400, 550], ['果肉果冻', '200g', 700, 900]] },
  { brand: '桃李', category: 'snacks', branded: true, items: [['醇熟切片面包', '400g', 800, 1000], ['天然酵母面包', '75g', 300, 400]] },
  { brand: '德芙', category: 'sweets', branded: true, items: [['丝滑牛奶巧克力', '43g', 800, 1000], ['醇黑巧克力', '43g', 800, 1000]] },
  { brand: '士力架', category: 'sweets', branded: true, items: [['花生夹心巧克力', '51g', 550, 700]] },
  { brand: '费列罗', category: 'sweets', branded: true, items: [['榛果威化巧克力', '3粒装', 1200, 1600]] },
  { brand: '大白兔', category: 'sweets', branded: true, items: [['奶糖', '114g', 1000, 1300]] },
  { brand: '益达', category: 'sweets', branded: true, items: [['无糖口香糖薄荷味', '40粒', 1000, 1300], ['无糖口香糖', '5片', 250, 350]] },
  { brand: '绿箭', category: 'sweets', branded: true, items: [['口香糖', '5片', 200, 300]] },
  { brand: '阿尔卑斯', category: 'sweets', branded: true, items: [['棒棒糖焦香牛奶味', '10g', 50, 100], ['硬糖', '45g', 500, 650]] },
  { brand: '曼妥思', category: 'sweets', branded: true, items: [['薄荷味条装糖', '37.5g', 300, 400]] },
  { brand: '彩虹糖', category: 'sweets', branded: false, items: [['彩虹糖原果味', '45g', 500, 650]] },
  { brand: '金龙鱼', category: 'groceries', branded: true, items: [['东北大米', '5kg', 3500, 4500], ['食用调和油', '1.8L', 2400, 3000], ['高筋麦芯小麦粉', '2.5kg', 1800, 2300], ['葵花籽油', '1.8L', 3000, 3800]] },
  { brand: '福临门', category: 'groceries', branded: true, items: [['压榨一级花生油', '900ml', 2400, 3000], ['东北大米', '5kg', 3300, 4200]] },
  { brand: '鲁花', category: 'groceries', branded: true, items: [['5S压榨花生油', '900ml', 2800, 3500]] },
  { brand: '海天', category: 'groceries', branded: true, items: [['金标生抽', '500ml', 800, 1000], ['老抽王', '500ml', 900, 1100], ['上等蚝油', '520g', 900, 1200], ['黄豆酱', '800g', 1100, 1400], ['料酒', '450ml', 500, 700], ['白米醋', '450ml', 400, 550]] },
  { brand: '李锦记', category: 'groceries', branded: true, items: [['薄盐生抽', '500ml', 1200, 1500], ['旧庄蚝油', '510g', 1400, 1800]] },
  { brand: '老干妈', category: 'groceries', branded: true, items: [['风味豆豉油制辣椒', '280g', 1000, 1300], ['香辣脆油辣椒', '210g', 900, 1200]] },
  { brand: '太太乐', category: 'groceries', branded: true, items: [['鸡精', '200g', 800, 1000]] },
  { brand: '恒顺', category: 'groceries', branded: true, items: [['香醋', '500ml', 600, 800]] },
  { brand: '乌江', category: 'groceries', branded: true, items: [['涪陵榨菜鲜脆', '80g', 200, 300]] },
  { brand: '中盐', category: 'groceries', branded: true, items: [['加碘精制盐', '400g', 200, 300]] },
  { brand: '双汇', category: 'groceries', branded: true, items: [['王中王火腿肠', '240g', 1100, 1400], ['玉米热狗肠', '270g', 1000, 1300]] },
  { brand: '梅林', category: 'groceries', branded: true, items: [['午餐肉罐头', '340g', 1300, 1700]] },
  { brand: '金锣', category: 'groceries', branded: true, items: [['肉粒多火腿肠', '400g', 1500, 1900]] },
  { brand: '好侍', category: 'groceries', branded: true, items: [['百梦多咖喱块原味', '100g', 1000, 1300]] },
  { brand: '三全', category: 'frozen', branded: true, items: [['猪肉白菜水饺', '1kg', 2000, 2600], ['黑芝麻汤圆', '500g', 1000, 1300]] },
  { brand: '思念', category: 'frozen', branded: true, items: [['三鲜水饺', '500g', 1300, 1600], ['金牌虾水饺', '480g', 2500, 3200]] },
  { brand: '湾仔码头', category: 'frozen', branded: true, items: [['玉米猪肉水饺', '720g', 3200, 3900]] },
  { brand: '安井', category: 'frozen', branded: true, items: [['鱼豆腐', '240g', 1000, 1300], ['福州鱼丸', '400g', 1300, 1700]] },
  { brand: '和路雪', category: 'frozen', branded: false, items: [['可爱多香草口味甜筒', '67g', 500, 650], ['梦龙香草口味雪糕', '64g', 900, 1100]] },
  { brand: '清风', category: 'daily', branded: true, items: [['原木纯品抽纸3层120抽', '3包', 1000, 1300], ['卷纸4层', '10卷', 2500, 3200]] },
  { brand: '维达', category: 'daily', branded: true, items: [['超韧抽纸3层130抽', '3包', 1100, 1400], ['手帕纸4层', '10包', 500, 650]] },
  { brand: '心相印', category: 'daily', branded: true, items: [['茶语抽纸', '3包', 1000, 1300], ['湿巾', '10片', 300, 450]] },
  { brand: '蓝月亮', category: 'daily', branded: true, items: [['深层洁净洗衣液', '1kg', 2500, 3200], ['洗手液', '500g', 1500, 1900]] },
  { brand: '立白', category: 'daily', branded: true, items: [['洗洁精', '1.29kg', 1000, 1300], ['洗衣粉', '1.6kg', 1800, 2300]] },
  { brand: '奥妙', category: 'daily', branded: true, items: [['全自动洗衣液', '1kg', 2400, 3000]] },
  { brand: '雕牌', category: 'daily', branded: true, items: [['透明皂', '202g×2', 500, 700]] },
  { brand: '超能', category: 'daily', branded: true, items: [['天然皂粉', '1.8kg', 2500, 3200]] },
  { brand: '威露士', category: 'daily', branded: true, items: [['健康抑菌洗手液', '525ml', 2200, 2800]] },
  { brand: '滴露', category: 'daily', branded: true, items: [['消毒液', '750ml', 3500, 4500]] },
  { brand: '妙洁', category: 'daily', branded: true, items: [['保鲜袋中号', '100只', 900, 1200], ['一次性垃圾袋', '50只', 800, 1000]] },
  { brand: '得力', category: 'daily', branded: true, items: [['透明胶带', '1卷', 200, 350]] },
  { brand: '南孚', category: 'daily', branded: true, items: [['5号碱性电池', '2粒', 700, 900], ['7号碱性电池', '2粒', 700, 900]] },
  { brand: '晨光', category: 'daily', branded: true, items: [['中性笔0.5mm黑色', '1支', 150, 300]] },
  { brand: '舒肤佳', category: 'personal-care', branded: true, items: [['纯白清香型香皂', '115g', 450, 600], ['纯白清香沐浴露', '720ml', 3500, 4500]] },
  { brand: '清扬', category: 'personal-care', branded: true, items: [['男士去屑洗发露', '200g', 3000, 3800]] },
  { brand: '海飞丝', category: 'personal-care', branded: true, items: [['丝质柔滑去屑洗发露', '200ml', 2500, 3200]] },
  { brand: '飘柔', category: 'personal-care', branded: true, items: [['家庭护理洗发露', '400ml', 2500, 3200]] },
  { brand: '潘婷', category: 'personal-care', branded: true, items: [['乳液修复洗发露', '400ml', 3000, 3800]] },
  { brand: '高露洁', category: 'personal-care', branded: true, items: [['超强牙膏', '140g', 800, 1100]] },
  { brand: '佳洁士', category: 'personal-care', branded: true, items: [['防蛀修护牙膏', '140g', 900, 1200]] },
  { brand: '云南白药', category: 'personal-care', branded: true, items: [['牙膏留兰香型', '120g', 2600, 3200]] },
  { brand: '黑人', category: 'personal-care', branded: true, items: [['超白牙膏', '140g', 1000, 1300]] },
  { brand: '妮维雅', category: 'personal-care', branded: true, items: [['男士控油洁面乳', '100g', 3500, 4500]] },
  { brand: '曼秀雷敦', category: 'personal-care', branded: true, items: [['润唇膏', '3.5g', 1800, 2400]] },
  { brand: '苏菲', category: 'personal-care', branded: true, items: [['弹力贴身日用卫生巾', '10片', 1200, 1600]] },
];

/** The prefixes China's goods carry (680–681 are its other, rarer ones). */
const GOODS_PREFIXES = CHINA_GS1_PREFIXES.filter((p) => p.startsWith('69'));

/**
 * A brand's company number: a GS1 China prefix (690–699) and four digits, distinct per brand.
 * Seven digits, so each item has five of its own before the check digit.
 */
function companyPrefix(index: number): string {
  return `${GOODS_PREFIXES[index % GOODS_PREFIXES.length]}${String(1000 + ((index * 379) % 9000)).padStart(4, '0')}`;
}

export const CATALOGUE: readonly CatalogueItem[] = BRANDS.flatMap(({ brand, category, branded, items }, b) =>
  items.map(([name, size, low, high, own], i) => {
    const first12 = companyPrefix(b) + String(10_001 + i * 37).padStart(5, '0');
    return { brand, name, size, category: own ?? category, priceFen: [low, high] as const, barcode: first12 + ean13CheckDigit(first12), title: `${branded ? brand : ''}${name}${size}` };
  }),
);
