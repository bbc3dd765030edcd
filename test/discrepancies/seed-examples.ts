/**
 * The documents' examples, copied verbatim (whitespace aside) so that each discrepancy test
 * starts from what an integrator actually reads. Sources: seed/pay-qrcode.md and the platform's
 * signing page (签名规则, `/main/sign`).
 */

/** 请求事例 — valid JSON, but its pay_code is no payment code (D-24). */
export const SEED_REQUEST_TEXT = `{
    "app_id": "bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF",
    "sign": "L4XYdVQWe0DROIQBxxtrYKWawTIrXofe",
    "sign_type": "MD5",
    "order_id": "2017102100151091",
    "pay_code": "5CDJVuPZ89l8hANqsJiU8zWDQ9rUATmg",
    "total_amount": 11.00,
    "store_info": {
        "store_id": "L4XYdVQWe0DROIQBxxtrYKWawTIrXofe",
        "cashier_id": "5CDJVuPZ89l8hANqsJiU8zWDQ9rUATmg",
        "waiter1_id": "HUpLsX7XQWFH3iktwFFMmi1GNdKH7Ef3",
        "waiter2_id": "L4XYdVQWe0DROIQBxxtrYKWawTIrXofe",
        "terminal_id": "bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF"
    },
    "goods_list": [
        {
            "barcode": "6983748939221",
            "title": "可口可乐300ml",
            "num": 2,
            "price": 3.00
        }
    ]
}`;

/** 响应事例. */
export const SEED_RESPONSE_TEXT = `{
    "code":1000,
    "msg":"支付成功",
    "data":{
        "trade_no":"2017102100151091",
        "order_id":"2017102100151091",
        "pay_type":1,
        "order_status":1,
        "total_amount":11.0,
        "payable_amount":10.0,
        "real_amount":9.0,
        "voucher_list":[{
                "id": "2015102600073002039000002D5O",
                "name": "XX超市5折优惠",
                "type": "1",
                "amount": 10,
                "merchant_contribute": 9,
                "other_contribute": 1,
                "purchase_ant_contribute": 0.82
        }]
    }
}`;

/** 异常响应事例 — a JavaScript literal, not JSON (D-30). */
export const SEED_ERROR_TEXT = `{
    code:2000,
    msg:"签名错误",
    data:{
        
    }
}`;

/** The signing page's example: secret (equal to app_id there), printed string, digest, sign (D-15). */
export const SIGNING_PAGE = {
  secret: 'bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF',
  printedString:
    "app_id=bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF&app_sercet=bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF&goods_list=[{barcode:'6983748939221',title:'可口可乐300ml',num:2,price:3.00}]&order_id=2017102100151091&store_info={store_id:'L4XYdVQWe0DROIQBxxtrYKWawTIrXofe',cashier_id:'5CDJVuPZ89l8hANqsJiU8zWDQ9rUATmg',terminal_id=\"bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF\"}&total_amount=11.00",
  printedMd5: '90C04D45B9BA45D098303D8176C38ABC',
  printedSign: 'OTBDMDRENDVCOUJBNDVEMDk4MzAzRDgxNzZDMzhBQkM=',
  /** The page's request, as parsed by JavaScript (its `11.00` and `3.00` arrive as 11 and 3). */
  request: {
    app_id: 'bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF',
    sign: 'L4XYdVQWe0DROIQBxxtrYKWawTIrXofe',
    order_id: '2017102100151091',
    total_amount: 11.0,
    store_info: {
      store_id: 'L4XYdVQWe0DROIQBxxtrYKWawTIrXofe',
      cashier_id: '5CDJVuPZ89l8hANqsJiU8zWDQ9rUATmg',
      terminal_id: 'bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF',
    },
    goods_list: [{ barcode: '6983748939221', title: '可口可乐300ml', num: 2, price: 3.0 }],
  },
} as const;

export const seedRequest = (): Record<string, unknown> => JSON.parse(SEED_REQUEST_TEXT) as Record<string, unknown>;
export const seedResponse = (): Record<string, unknown> => JSON.parse(SEED_RESPONSE_TEXT) as Record<string, unknown>;
