/**
 * The seed's tables (seed/pay-qrcode.md: 请求参数, store_info 结构, goods_list 结构, 响应参数,
 * voucher_list 结构), written down once by hand, row for row: the field, its type, whether it is
 * required (for one channel only, where the seed says so), its maximum length and the values its
 * description lists — with the seed line each row is. Nothing here is read from openapi.yaml:
 * seed-tables.test.ts holds openapi.yaml to these rows, field by field, and reads the decisions
 * that override a row from docs/discrepancies.md.
 */
export type SeedTable = '请求参数' | 'store_info 结构' | 'goods_list 结构' | '响应参数' | 'voucher_list 结构';

export interface SeedRow {
  table: SeedTable;
  field: string;
  type: 'String' | 'int' | 'double' | 'object' | 'Array';
  /** 必填: 是 (true), 否 (false), or one channel's only (`alipay` 空 `weixin` 是 is 'wechat'). */
  required: boolean | 'wechat' | 'alipay';
  /** 最大长度 as the seed writes it; absent where it writes `-` or nothing. */
  maxLength?: number | '9.2';
  /** The values the description lists, as written (`MD5` `RSA`; `0`微信 `1`支付宝 …). */
  values?: readonly string[];
  /** The row's line in pay-qrcode.md. */
  line: number;
}

const ORDER_STATUS_VALUES = ['1', '2', '3', '4', '5', '0', '-1', '-2', '-3', '-10'];

export const SEED_ROWS: readonly SeedRow[] = [
  { table: '请求参数', field: 'app_id', type: 'String', required: true, maxLength: 32, line: 15 },
  { table: '请求参数', field: 'sign', type: 'String', required: true, maxLength: 32, line: 16 },
  { table: '请求参数', field: 'sign_type', type: 'String', required: true, maxLength: 32, values: ['MD5', 'RSA'], line: 17 },
  { table: '请求参数', field: 'order_id', type: 'String', required: true, maxLength: 128, line: 18 },
  { table: '请求参数', field: 'pay_code', type: 'String', required: true, line: 19 },
  { table: '请求参数', field: 'total_amount', type: 'String', required: true, line: 20 },
  { table: '请求参数', field: 'store_info', type: 'object', required: false, line: 21 },
  { table: '请求参数', field: 'goods_list', type: 'Array', required: false, line: 22 },
  { table: 'store_info 结构', field: 'store_id', type: 'String', required: false, line: 27 },
  { table: 'store_info 结构', field: 'cashier_id', type: 'String', required: false, line: 28 },
  { table: 'store_info 结构', field: 'waiter1_id', type: 'String', required: false, line: 29 },
  { table: 'store_info 结构', field: 'waiter2_id', type: 'String', required: false, line: 30 },
  { table: 'store_info 结构', field: 'terminal_id', type: 'String', required: false, line: 31 },
  { table: 'goods_list 结构', field: 'barcode', type: 'String', required: false, maxLength: 32, line: 36 },
  { table: 'goods_list 结构', field: 'title', type: 'String', required: false, maxLength: 256, line: 37 },
  { table: 'goods_list 结构', field: 'num', type: 'int', required: false, maxLength: 32, line: 38 },
  { table: 'goods_list 结构', field: 'price', type: 'double', required: false, line: 39 },
  { table: '响应参数', field: 'status', type: 'int', required: true, maxLength: 11, values: ['1000'], line: 70 },
  { table: '响应参数', field: 'msg', type: 'String', required: true, maxLength: 128, line: 71 },
  { table: '响应参数', field: 'trade_no', type: 'String', required: true, maxLength: 64, line: 72 },
  { table: '响应参数', field: 'order_id', type: 'String', required: true, maxLength: 64, line: 73 },
  { table: '响应参数', field: 'pay_type', type: 'String', required: true, values: ['0', '1'], line: 74 },
  { table: '响应参数', field: 'order_status', type: 'String', required: true, maxLength: 32, values: ORDER_STATUS_VALUES, line: 75 },
  { table: '响应参数', field: 'total_amount', type: 'double', required: true, line: 76 },
  { table: '响应参数', field: 'payable_amount', type: 'double', required: true, line: 77 },
  { table: '响应参数', field: 'voucher_list', type: 'Array', required: true, line: 78 },
  { table: '响应参数', field: 'real_amount', type: 'double', required: true, line: 79 },
  { table: '响应参数', field: 'voucher_list', type: 'Array', required: true, line: 80 },
  { table: 'voucher_list 结构', field: 'id', type: 'String', required: true, maxLength: 32, line: 84 },
  { table: 'voucher_list 结构', field: 'name', type: 'String', required: true, maxLength: 64, line: 85 },
  { table: 'voucher_list 结构', field: 'activity_id', type: 'String', required: 'wechat', maxLength: 32, line: 86 },
  { table: 'voucher_list 结构', field: 'scope', type: 'String', required: true, maxLength: 32, values: ['1', '2', '3'], line: 87 },
  { table: 'voucher_list 结构', field: 'type', type: 'String', required: 'wechat', maxLength: 32, values: ['COUPON', 'DISCOUNT'], line: 88 },
  { table: 'voucher_list 结构', field: 'amount', type: 'double', required: true, line: 89 },
  { table: 'voucher_list 结构', field: 'merchant_contribute', type: 'double', required: true, maxLength: '9.2', line: 90 },
  { table: 'voucher_list 结构', field: 'other_contribute', type: 'double', required: false, maxLength: '9.2', line: 91 },
  { table: 'voucher_list 结构', field: 'purchase_ant_contribute', type: 'double', required: 'alipay', maxLength: '9.2', line: 92 },
];

/** Where each table lands in openapi.yaml: the response table describes `data`, its first two rows the envelope (D-2). */
export const SCHEMA_OF_TABLE: Readonly<Record<SeedTable, string>> = {
  '请求参数': 'PayRequest',
  'store_info 结构': 'StoreInfo',
  'goods_list 结构': 'Goods',
  '响应参数': 'PayResultData',
  'voucher_list 结构': 'Voucher',
};
export const ENVELOPE_ROWS: Readonly<Record<string, string>> = { status: 'PaySuccess', msg: 'PaySuccess' };

/** The row as the seed's line begins: `|field|type|required|max|`, the spacing as the seed has it aside. */
export function rowPrefix(row: SeedRow): string {
  const required = row.required === true ? '是' : row.required === false ? '否' : row.required === 'wechat' ? '`alipay` 空 `weixin` 是' : '`alipay` 是 `weixin` 空';
  return `|${row.field}|${row.type}|${required}|${row.maxLength ?? ''}|`;
}
