/** Step 3, AppID known (AppID核对) → else 3003 (table dialect 3000); known but disabled → 5000. */
import type { Code } from '../../kernel/codes.ts';
import type { AppRegistry } from '../apps.ts';
import type { CallContext, Step } from '../pay-context.ts';

export function appStep<C extends CallContext>(apps: AppRegistry, appIdCode: Code): Step<C> {
  return {
    name: 'app',
    run(ctx) {
      const app = apps.get(ctx.params!.app_id);
      if (app === undefined) return { code: appIdCode, reason: 'unknown app_id' };
      if (app.enabled === false) return { code: 5000, reason: 'the application is not enabled' };
      ctx.app = app;
      return undefined;
    },
  };
}
