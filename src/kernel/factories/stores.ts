/**
 * Where paycheck's orders are taken: a convenience-store chain shaped like a real one. Its name is
 * made up for this project; its cities, districts (with their administrative division codes) and
 * the roads its shops stand on are real places, written from common knowledge. A store's id is
 * its district's code and a three-digit number; its terminals, cashiers and salespeople carry the
 * store's id before their own number, so every id of one `store_info` names the same shop.
 */
const CHAIN_NAME = '邻家优选便利';

interface District {
  name: string;
  /** GB/T 2260 administrative division code. */
  code: string;
  roads: readonly string[];
}

export const CITIES: readonly { city: string; districts: readonly District[] }[] = [
  { city: '上海', districts: [
    { name: '徐汇区', code: '310104', roads: ['漕溪北路', '田林路', '虹桥路', '天钥桥路'] },
    { name: '静安区', code: '310106', roads: ['南京西路', '延安中路', '江宁路'] },
    { name: '浦东新区', code: '310115', roads: ['世纪大道', '张杨路', '东方路', '浦东南路'] },
    { name: '黄浦区', code: '310101', roads: ['淮海中路', '西藏南路', '人民路'] },
  ] },
  { city: '北京', districts: [
    { name: '朝阳区', code: '110105', roads: ['建国路', '朝阳北路', '望京西路', '三里屯路'] },
    { name: '海淀区', code: '110108', roads: ['中关村大街', '学院路', '知春路'] },
    { name: '东城区', code: '110101', roads: ['东四北大街', '王府井大街'] },
    { name: '西城区', code: '110102', roads: ['西单北大街', '阜成门内大街'] },
  ] },
  { city: '广州', districts: [
    { name: '天河区', code: '440106', roads: ['天河路', '体育西路', '珠江新城花城大道'] },
    { name: '越秀区', code: '440104', roads: ['北京路', '中山五路', '东风中路'] },
  ] },
  { city: '深圳', districts: [
    { name: '南山区', code: '440305', roads: ['深南大道', '科技园南路', '南海大道'] },
    { name: '福田区', code: '440304', roads: ['福华路', '华强北路', '益田路'] },
  ] },
  { city: '杭州', districts: [
    { name: '西湖区', code: '330106', roads: ['文三路', '西溪路', '教工路'] },
    { name: '上城区', code: '330102', roads: ['延安路', '解放路', '江城路'] },
  ] },
  { city: '成都', districts: [
    { name: '武侯区', code: '510107', roads: ['人民南路', '科华北路', '玉林路'] },
    { name: '锦江区', code: '510104', roads: ['春熙路', '红星路', '东大街'] },
  ] },
];

export interface Store {
  /** `邻家优选便利（上海徐汇区漕溪北路店）`. */
  name: string;
  city: string;
  district: string;
  /** The district's code and the store's number: `310104017`. */
  store_id: string;
  /** `310104017T02`. */
  terminals: readonly string[];
  /** `310104017C105`. */
  cashiers: readonly string[];
  /** `310104017W07`. */
  waiters: readonly string[];
}

/** The ids of one of the store's people or tills: the store's id, a letter, a number. */
export function staffId(storeId: string, kind: 'T' | 'C' | 'W', n: number): string {
  return `${storeId}${kind}${String(n).padStart(kind === 'C' ? 3 : 2, '0')}`;
}

export function storeName(road: string, city: string, district: string): string {
  return `${CHAIN_NAME}（${city}${district}${road}店）`;
}
