/** `/pay/get`: the order's detail (1000 查询成功), or 4001. */
import type { Step } from '../pay-context.ts';
import { onOrderStep } from './find-order.ts';
import type { LifecycleContext, LifecycleDeps } from './call-context.ts';
import { orderDetail } from './order-detail.ts';

export function getStep(deps: LifecycleDeps): Step<LifecycleContext> {
  return onOrderStep(deps, (record) => ({ code: 1000, msg: '查询成功', data: orderDetail(record) }));
}
