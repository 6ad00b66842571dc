/** The receipt, fetched when first shown (after a registration or a reprint), not at first load. */
import { lazyComponent } from '../lazy';

export const Receipt = lazyComponent(() => import('./receipt').then((m) => m.Receipt));
